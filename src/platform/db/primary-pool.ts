import pg from 'pg';
import { hostUrls } from './hosts.js';
import { answer, type ConnectCallback } from './pool-callback.js';

/** A query config without its statement name; text, Submittables (cursors) and callbacks pass as they are. */
function unnamed(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || !('name' in config) || 'submit' in config) return config;
  const { name: _name, ...rest } = config as { name?: string };
  return rest;
}

/** SQLSTATE 25006 (read_only_sql_transaction): the server this connection reaches is a standby. */
const READ_ONLY = '25006';

/** A connection reached a server in recovery: not the primary, whatever the URL says. */
export class NotPrimary extends Error {
  constructor() {
    super('The database server is in recovery (a standby), not the primary');
    this.name = 'NotPrimary';
  }
}

/**
 * The primary's pool, which survives a planned promotion without a restart.
 *
 * - A connection whose server went away (the old primary stopped) fails its query and the pool drops
 *   it (node-postgres does that for a client that is no longer queryable); the next one is made anew.
 * - Each new connection asks `pg_is_in_recovery()`: one that reached a standby (a balancer or DNS
 *   not yet repointed, the old primary back as a standby) is closed and the connect fails, so no
 *   write lands there. With several hosts in DATABASE_URL (`postgres://u@a:5432,b:5432/db`, which
 *   node-postgres cannot parse itself) the pool moves on to the next host and tries each in turn.
 * - A connection that answers 25006 (read-only transaction) after all is dropped when it is
 *   released, not handed out again, and the pool moves on to the next host.
 */
export function openPrimaryPool(
  url: string,
  options: pg.PoolConfig = {},
  session: { namedStatements: boolean } = { namedStatements: true },
): pg.Pool {
  const urls = hostUrls(url);
  let current = 0;
  /** The host a failing connection was made for is left for the next one, once (not by every failing connection). */
  const leave = (index: number) => {
    if (index === current) current = (current + 1) % urls.length;
  };

  class PrimaryClient extends pg.Client {
    readonly hostIndex: number;
    /** A statement was refused as read-only: the server is a standby; this connection is not reused. */
    readOnly = false;

    constructor(config: pg.ClientConfig) {
      const hostIndex = current;
      super({ ...config, connectionString: urls[hostIndex] });
      this.hostIndex = hostIndex;
      if (!session.namedStatements) {
        // Behind a transaction-pooling PgBouncer that does not track prepared statements, a name
        // prepared in one transaction is unknown to the server connection of the next: every
        // statement goes unnamed (parsed each time), which any server connection understands.
        const query = this.query.bind(this) as (...args: unknown[]) => unknown;
        this.query = ((config: unknown, ...rest: unknown[]) => query(unnamed(config), ...rest)) as pg.Client['query'];
      }
      this.connection.on('errorMessage', (message: { code?: string }) => {
        if (message.code !== READ_ONLY) return;
        this.readOnly = true;
        leave(this.hostIndex);
      });
    }

    private async connectToPrimary(): Promise<this> {
      // The pool listens for a client's errors only once its connect has answered, which here is after
      // the recovery check: a connection lost during that check would otherwise be an 'error' event
      // nobody hears, and end the process. The check's own query fails with the same error.
      const meanwhile = () => {};
      this.on('error', meanwhile);
      try {
        await super.connect();
        const { rows } = await super.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
        if (rows[0]?.standby) {
          await this.end().catch(() => {});
          throw new NotPrimary();
        }
        return this;
      } catch (e) {
        leave(this.hostIndex);
        throw e;
      } finally {
        this.removeListener('error', meanwhile);
      }
    }

    override connect(): Promise<this>;
    override connect(callback: (err: Error | null) => void): void;
    override connect(callback?: (err: Error | null) => void): Promise<this> | undefined {
      const connected = this.connectToPrimary();
      if (!callback) return connected;
      connected.then(
        () => callback(null),
        (err: Error) => callback(err),
      );
      return undefined;
    }
  }

  class PrimaryPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
      const attempt = async () => {
        // Each host once at most: past a stopped or standby host to the next.
        for (let tried = 1; ; tried++) {
          try {
            return dropIfReadOnly(await super.connect());
          } catch (e) {
            if (tried >= urls.length || this.ending) throw e;
          }
        }
      };
      return answer(attempt(), callback);
    }
  }

  /** Releasing a client with an error is node-postgres' way of saying "close it, do not reuse it". */
  function dropIfReadOnly(client: pg.PoolClient): pg.PoolClient {
    const release = client.release;
    client.release = (err?: Error | boolean) =>
      release(err || ((client as unknown as PrimaryClient).readOnly ? new Error('read-only connection (standby)') : undefined));
    return client;
  }

  // Not the URL itself: each client is given its own host's (a host list is no URL to node-postgres).
  return new PrimaryPool({ ...options, Client: PrimaryClient as unknown as new () => pg.ClientBase });
}
