import http from 'node:http';
import pg from 'pg';
import { json, session, startBenchServer } from './lsc-server.js';

/** Concurrent clients, for the API and for the reference alike. */
const CLIENTS = Number(process.env.BENCH_CLIENTS_SUPPORT ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** `clients` loops, each sending the next request as soon as the last answered, for `seconds`; the requests answered 201. */
async function loop(clients: number, seconds: number, once: () => Promise<boolean>): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) if (await once()) done += 1;
    }),
  );
  return done;
}

/** One POST over a kept-alive connection (node:http: fetch would cost the load generator several times the CPU). */
function post(agent: http.Agent, base: URL, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * R-SUP-1: support requests submitted per second through the API of the real server (each one
 * checked, its Licensing ID's visibility queried, written with its audit row and two mails in one
 * transaction), next to the same rows written by plain INSERTs over pg in one transaction per
 * request, with as many clients, on the same database, in the same run.
 */
export async function supportQueueBench() {
  const server = await startBenchServer('support');
  const { base, database, url } = server;
  try {
    const admin = await session(base, 'admin@contoso.example');
    const lid = (await database.query<{ id: string }>(`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    const body = JSON.stringify({
      topic: 'PRODUCT_KEYS',
      licensingId: lid,
      subject: 'MAK shows 0 available',
      description: 'Our MAK for Office shows no activations left although we bought 300 licenses.',
    });
    // Warm up: the first requests compile the route's schema and fill the pool.
    await json(`${base}/api/v1/support-requests`, 'POST', JSON.parse(body), admin);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const target = new URL(base);
    const statuses = new Map<number, number>();
    const viaApi = await loop(CLIENTS, SECONDS, async () => {
      const status = await post(agent, target, '/api/v1/support-requests', admin, body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return status === 201;
    });
    agent.destroy();
    if (viaApi === 0) throw new Error(`no request was accepted: ${JSON.stringify([...statuses])}`);

    // The reference: the same four rows (request, audit, two outbox mails) per request, plainly inserted.
    const [who] = (
      await database.query<{ user_id: string; organization_id: string }>(
        `select id as user_id, organization_id from "user" where email = 'admin@contoso.example'`,
      )
    ).rows;
    const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
    const insertOnce = async () => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const r = await c.query<{ id: string }>(
          `insert into support_request (organization_id, requested_by, licensing_id, topic, subject, description, status, submitted_at, awaiting_since, updated_at)
           values ($1, $2, $3, 'PRODUCT_KEYS', 'MAK shows 0 available', 'Our MAK for Office shows no activations left although we bought 300 licenses.', 'NEW', now(), now(), now())
           returning id`,
          [who?.organization_id, who?.user_id, lid],
        );
        await c.query(
          `insert into audit_log (actor_user_id, organization_id, action, target_type, target_id, after) values ($1, $2, 'support.request.submit', 'support_request', $3, '{}'::jsonb)`,
          [who?.user_id, who?.organization_id, r.rows[0]?.id],
        );
        for (const to of ['admin@contoso.example', 'support@lsc.localhost'])
          await c.query(
            `insert into outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html) values ($1, 'supportRequestReceived', 'en', 's', 't', 'h', 't', 'h')`,
            [to],
          );
        await c.query('commit');
        return true;
      } finally {
        c.release();
      }
    };
    const viaInsert = await loop(CLIENTS, SECONDS, insertOnce);
    await pool.end();
    return [
      {
        name: `support requests submitted through the API, ${CLIENTS} clients`,
        value: viaApi / SECONDS,
        unit: 'requests/s',
        reference: viaInsert / SECONDS,
        referenceName: `plain INSERTs of the same rows (request, audit, 2 mails) per transaction over pg, ${CLIENTS} clients, same database`,
        target: '',
      },
    ];
  } finally {
    await server.stop();
  }
}
