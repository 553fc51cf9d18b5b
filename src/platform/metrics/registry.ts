import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: an activation takes milliseconds, a report or an export may take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a module records: activations by outcome, downloads and their bytes. Modules see only this. */
export interface MetricsRecorder {
  /** One activation answered (`kind`: mak, proxy machine, kms_host) with its outcome, and the problem code of a refusal. */
  activation(kind: string, outcome: string, code?: string): void;
  /** One download that sends bytes (status 200 or 206). */
  downloadStarted(status: number): void;
  /** Bytes of a download body written to the client (counted as they leave, a cut download included). */
  downloadBytes(bytes: number): void;
}

/** A recorder that counts nothing: for a module built without the app (a test's service). */
export const NO_METRICS: MetricsRecorder = { activation() {}, downloadStarted() {}, downloadBytes() {} };

export interface Metrics extends MetricsRecorder {
  /** The app's metrics; `text()` adds the process's. */
  readonly registry: Registry;
  /** The Prometheus text of a scrape: the process's metrics and the app's. */
  text(): Promise<string>;
  readonly contentType: string;
  /** One HTTP request answered: route is the route's pattern, never the URL that was asked. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** A gauge read on each scrape (one cheap query): NaN while it cannot be read. */
  gaugeOnScrape(name: string, help: string, read: () => Promise<number>): void;
  /** The pool's connections (total, idle) and the queries waiting for one, read on each scrape. */
  pool(pool: { totalCount: number; idleCount: number; waitingCount: number }): void;
}

let processRegistry: Registry | undefined;

/** prom-client's process metrics (CPU, memory, event loop lag, GC), collected once per process however many apps it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one app: a registry of its own (tests build many apps in one process), served
 * with the process's metrics after them.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const processWide = processMetrics();

  const requests = new Counter({
    name: 'lsc_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'lsc_http_request_duration_seconds',
    help: 'Time from request to response, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const activations = new Counter({
    name: 'lsc_activations_total',
    help: 'Activations answered, by kind (mak, proxy, kms_host), outcome and the problem code of a refusal',
    labelNames: ['kind', 'outcome', 'code'] as const,
    registers,
  });
  const downloads = new Counter({
    name: 'lsc_downloads_total',
    help: 'Downloads that send bytes, by status (200 whole file, 206 ranges)',
    labelNames: ['status'] as const,
    registers,
  });
  const downloadBytes = new Counter({
    name: 'lsc_download_bytes_total',
    help: 'Bytes of download bodies written to clients',
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    async text() {
      const [own, shared] = await Promise.all([registry.metrics(), processWide.metrics()]);
      return `${own}${shared}`;
    },
    httpRequest(method, route, status, seconds) {
      const labels = { method, route, status: `${Math.floor(status / 100)}xx` };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    activation(kind, outcome, code = '') {
      activations.inc({ kind, outcome, code });
    },
    downloadStarted(status) {
      downloads.inc({ status: String(status) });
    },
    downloadBytes(bytes) {
      if (bytes > 0) downloadBytes.inc(bytes);
    },
    gaugeOnScrape(name, help, read) {
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(await read().catch(() => Number.NaN));
        },
      });
    },
    pool(pool) {
      const gauge = (name: string, help: string, read: () => number) =>
        new Gauge({
          name,
          help,
          registers,
          collect() {
            this.set(read());
          },
        });
      gauge('lsc_db_pool_connections', 'Connections the database pool holds, idle or in use', () => pool.totalCount);
      gauge('lsc_db_pool_idle_connections', 'Connections of the database pool that are idle', () => pool.idleCount);
      gauge('lsc_db_pool_waiting_queries', 'Queries waiting for a connection of the database pool', () => pool.waitingCount);
    },
  };
}
