import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { deliverDue } from '../src/modules/provisioning/deliver.js';
import { systemClock } from '../src/platform/clock.js';
import { onMigratedDatabase } from './bench-database.js';

const EVENTS = Number(process.env.BENCH_PROVISIONING_EVENTS ?? 3000);
/** Events one worker sends at once (PROVISIONING_BATCH), and the reference client's concurrent requests. */
const BATCH = Number(process.env.BENCH_PROVISIONING_BATCH ?? 20);
const WORKERS = Number(process.env.BENCH_PROVISIONING_WORKERS ?? 2);

/** A loopback receiver that reads each body and answers 204, counting what it got. */
async function startReceiver() {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/provisioning`,
    port,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The reference: `total` POSTs of a body of the same size, `concurrency` at a time, over kept-alive node:http. */
async function plainPosts(port: number, total: number, concurrency: number, body: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: '/provisioning',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        await once();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return total / seconds;
}

/**
 * Provisioning webhooks delivered per second from the outbox to a real loopback receiver (each event
 * claimed with SKIP LOCKED by one of WORKERS workers, signed, POSTed, its attempt logged and its
 * state moved, in two statements and a transaction), next to the receiver's own request rate from a
 * plain keep-alive HTTP client with as many requests in flight, in the same run.
 */
export async function provisioningDeliveryBench() {
  return onMigratedDatabase(async ({ client, migrated, where }) => {
    const receiver = await startReceiver();
    try {
      const data = { enrollment: '67012345', serviceAccount: 'contoso.onmicrosoft.example', subscriptions: ['E3', 'EMS'] };
      await client.query(
        `with e as (
           insert into provisioning_event (type, subject, data, created_at)
           select 'service.activation', 'service-account-link:' || g, $1::jsonb, now() from generate_series(1, ${EVENTS}) g
           returning id, created_at)
         insert into provisioning_delivery (event_id, queued_at, next_attempt_at) select id, created_at, created_at from e`,
        [JSON.stringify(data)],
      );
      const config = loadConfig({
        DATA_DIR: '/nonexistent-bench',
        PROVISIONING_WEBHOOK_URL: receiver.url,
        PROVISIONING_ALLOW_PRIVATE: 'true',
        PROVISIONING_BATCH: String(BATCH),
      });
      const deps = {
        db: migrated.db,
        config,
        clock: systemClock,
        secrets: { provisioningWebhookSecret: `whsec_${randomBytes(32).toString('base64')}` },
      };
      const started = performance.now();
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          for (;;) {
            const round = await deliverDue(deps, new Date());
            if (round.attempted === 0) break;
          }
        }),
      );
      const delivered = EVENTS / ((performance.now() - started) / 1000);
      const [left] = (await client.query<{ n: number }>(`select count(*)::int as n from provisioning_delivery where state <> 'DELIVERED'`))
        .rows;
      if ((left?.n ?? 1) !== 0 || receiver.count() !== EVENTS) {
        throw new Error(`not every event was delivered once: ${left?.n} left, ${receiver.count()} received of ${EVENTS}`);
      }
      const body = JSON.stringify({ type: 'service.activation', timestamp: new Date().toISOString(), data });
      const reference = await plainPosts(receiver.port, EVENTS, BATCH * WORKERS, body);
      return [
        {
          name: `provisioning webhooks delivered, ${EVENTS} events, ${WORKERS} workers × ${BATCH} at once (${where})`,
          value: delivered,
          unit: 'events/s',
          reference,
          referenceName: 'plain keep-alive POSTs to the same receiver',
          target: '',
        },
      ];
    } finally {
      await receiver.close();
    }
  });
}
