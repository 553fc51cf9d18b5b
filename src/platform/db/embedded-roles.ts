import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Who may do what in the embedded cluster. The superuser (the cluster's bootstrap role) is reached
 * only over the unix socket in a folder that only the app's system user can enter, and needs no
 * password there; it never listens on TCP. The app connects over TCP to 127.0.0.1 as a role that
 * is not a superuser and owns the app's database, with a password generated into the data folder.
 * Another local user can then neither reach the superuser nor log in as the app.
 */
export const SUPERUSER = 'lsc';
export const APP_ROLE = 'lsc_app';
export const APP_DATABASE = 'lsc';

/** The cluster's pg_hba.conf, written at every start (so a cluster from an older version gets it too). */
export const HBA_CONF = `# Written by Licensing Service Center at every start: changes here are overwritten.
# The superuser: only over the unix socket, whose folder only the app's system user can enter.
local all ${SUPERUSER} trust
# The app's role: over TCP from this machine, with its password (DATA_DIR/pg.password).
host all ${APP_ROLE} 127.0.0.1/32 scram-sha-256
# Nothing else: any other role, address or method is refused.
`;

/** A connection string for the superuser over the socket in `socketDir` (the port names the socket file). */
export function superuserUrl(socketDir: string, port: number, database = 'postgres'): string {
  return `postgres://${SUPERUSER}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`;
}

export function appUrl(password: string, port: number, database = APP_DATABASE): string {
  return `postgres://${APP_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * The password as PostgreSQL stores it (RFC 5803 SCRAM-SHA-256 verifier), made here: the plain
 * password then never reaches the server, nor any statement it might log.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest();
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest();
  const b64 = (b: Buffer) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(hmac('Server Key'))}`;
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Hands every object of the current database that the superuser owns to the app's role. Clusters
 * made before the app had a role of its own created everything as the superuser; the bootstrap
 * superuser cannot be given to REASSIGN OWNED (it owns the system catalogs), so each object is
 * altered by kind. Sequences that belong to a column follow their table.
 */
const HAND_OVER = `
do $$
declare r record;
begin
  for r in select n.nspname from pg_namespace n
           where n.nspowner = '${SUPERUSER}'::regrole and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
  loop
    execute format('alter schema %I owner to ${APP_ROLE}', r.nspname);
  end loop;
  for r in select c.oid::regclass::text as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where c.relowner = '${SUPERUSER}'::regrole and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
             and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
             and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                             and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i'))
  loop
    execute format('alter %s %s owner to ${APP_ROLE}',
      case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                     when 'S' then 'sequence' else 'table' end, r.name);
  end loop;
  for r in select t.oid::regtype::text as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
           where t.typowner = '${SUPERUSER}'::regrole and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
             and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
  loop
    execute format('alter type %s owner to ${APP_ROLE}', r.name);
  end loop;
  for r in select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where p.proowner = '${SUPERUSER}'::regrole and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
  loop
    execute format('alter routine %s owner to ${APP_ROLE}', r.name);
  end loop;
end $$`;

/**
 * Makes the cluster as the app needs it, at every start: the app's role with the data folder's
 * password and no superuser rights, the superuser without any password (an older version gave it
 * one that was the same everywhere), and the app's database owned by the app's role. A database
 * made by an older version is handed over whole, so its migrations and data carry on.
 */
export async function provisionCluster(socketDir: string, port: number, password: string): Promise<void> {
  await withClient(superuserUrl(socketDir, port), async (c) => {
    const exists = (await c.query('select 1 from pg_roles where rolname = $1', [APP_ROLE])).rowCount === 1;
    await c.query(
      `${exists ? 'alter' : 'create'} role ${APP_ROLE} with login nosuperuser nocreaterole noreplication nobypassrls password ${c.escapeLiteral(scramVerifier(password))}`,
    );
    await c.query(`alter role ${SUPERUSER} with password null`);
    const db = await c.query<{ owner: string }>('select datdba::regrole::text as owner from pg_database where datname = $1', [
      APP_DATABASE,
    ]);
    const owner = db.rows[0]?.owner;
    if (owner === undefined) await c.query(`create database ${APP_DATABASE} owner ${APP_ROLE}`);
    else if (owner !== APP_ROLE) await c.query(`alter database ${APP_DATABASE} owner to ${APP_ROLE}`);
    // Only the owner (and the superuser) connects to the app's data.
    await c.query(`revoke all on database ${APP_DATABASE} from public`);
  });
  await withClient(superuserUrl(socketDir, port, APP_DATABASE), (c) => c.query(HAND_OVER));
}

/**
 * For throwaway clusters only (the test suite, the benchmarks): lets the app's role create
 * databases, so that they make one per test file or run and still work as the app does, without
 * superuser rights. The app's own clusters never get this.
 */
export async function allowCreatingDatabases(socketDir: string, port: number): Promise<void> {
  await withClient(superuserUrl(socketDir, port), (c) => c.query(`alter role ${APP_ROLE} createdb`));
}
