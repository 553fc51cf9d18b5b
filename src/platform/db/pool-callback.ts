import type pg from 'pg';

export type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/** Serves a pool's connect to either kind of caller: node-postgres' own pool.query passes a callback. */
export function answer(result: Promise<pg.PoolClient>, callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
  if (!callback) return result;
  result.then(
    (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
    (err: Error) => callback(err, undefined, () => {}),
  );
  return undefined;
}
