import { createMetrics } from '../src/platform/metrics/registry.js';
import { onMigratedDatabase } from './bench-database.js';
import { percentile, timed } from './timing.js';

/** Mails the outbox keeps after sending them (it keeps every mail), and those still waiting. */
const SENT_MAILS = 200_000;
const UNSENT_MAILS = 25;
const RUNS = 100;
/** Calls of the per-request recorder timed together (one call takes far less than a timer's resolution). */
const RECORDS = 200_000;

const DEPTH = 'select count(*)::int as n from outbox where sent_at is null';

/**
 * What the metrics cost: a scrape of /metrics (with the outbox and provisioning gauges read by
 * their queries, over an outbox of 200,000 sent mails) beside GET /api/health on the same server;
 * the outbox-depth count beside the same count by a sequential scan (no partial index); and what
 * each request pays for its counter and histogram beside a whole GET /api/health.
 */
export async function metricsBench() {
  return onMigratedDatabase(async ({ client, serve, where }) => {
    await client.query(
      `insert into outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html, sent_at, next_attempt_at)
       select 'user' || g || '@bench.example', 'invitation', 'en', 'Welcome', repeat('text ', 100), repeat('<p>html</p>', 50), '', '', now(), now() - interval '1 day'
       from generate_series(1, ${SENT_MAILS}) g`,
    );
    await client.query(
      `insert into outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html)
       select 'queued' || g || '@bench.example', 'invitation', 'en', 'Welcome', 'text', '<p>html</p>', '', '' from generate_series(1, ${UNSENT_MAILS}) g`,
    );
    await client.query('vacuum analyze outbox');

    const depth = await timed(RUNS, () => client.query(DEPTH));
    await client.query('set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off');
    const scanned = await timed(RUNS, () => client.query(DEPTH));
    await client.query('reset enable_indexscan; reset enable_indexonlyscan; reset enable_bitmapscan');

    const server = await serve();
    try {
      const get = (path: string) => async () => {
        const res = await fetch(`${server.base}${path}`);
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        await res.arrayBuffer();
      };
      const health = await timed(RUNS, get('/api/health'));
      const scrape = await timed(RUNS, get('/metrics'));

      const metrics = createMetrics();
      const t0 = performance.now();
      for (let i = 0; i < RECORDS; i++) metrics.httpRequest('GET', '/api/v1/files/:fileId/content', 200 + (i % 3) * 100, 0.004);
      const perRecordMs = (performance.now() - t0) / RECORDS;

      console.log(`(${where}; outbox of ${SENT_MAILS.toLocaleString('en-US')} sent and ${UNSENT_MAILS} queued mails)`);
      return [
        {
          name: '/metrics scrape p50',
          value: percentile(scrape, 50),
          unit: 'ms',
          reference: percentile(health, 50),
          referenceName: 'GET /api/health p50',
          target: 'the order of /api/health, whatever the outbox holds',
        },
        {
          name: 'outbox depth count p50',
          value: percentile(depth, 50),
          unit: 'ms',
          reference: percentile(scanned, 50),
          referenceName: 'the same count by sequential scan',
          target: '≪ the scan',
        },
        {
          name: 'metrics recorded per request',
          value: perRecordMs * 1000,
          unit: 'µs',
          reference: percentile(health, 50) * 1000,
          referenceName: 'GET /api/health p50',
          target: '≤ 1 % of a request',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
