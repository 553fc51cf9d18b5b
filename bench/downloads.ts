import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, type FileHandle, mkdir, open, readdir, readFile, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { demoBytes } from '../src/modules/downloads/demo.js';
import type { ByteRange } from '../src/platform/storage/blob-store.js';
import { freePort } from '../test/helpers/free-port.js';
import { json, session, startBenchServer } from './lsc-server.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
/** The file served; smaller sizes are for trying the bench out, the figure of issue 6 is for 2 GiB. */
const SIZE = Number(process.env.BENCH_DOWNLOAD_BYTES ?? 2048 * MiB);
/** Whole-file downloads per server, alternating service and nginx so that a neighbour's load hits both alike. */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** Ranged downloads per server: four times as many as run at once, so p99 is a percentile and not simply the slowest of 50. */
const RANGED_REQUESTS = Number(process.env.BENCH_RANGED_REQUESTS ?? 200);
const RANGE_MIN = Math.min(8 * MiB, SIZE);
const RANGE_MAX = Math.min(64 * MiB, SIZE);
/** How many leading bytes of every response are compared with the file: both servers must send the same bytes. */
const PROBE = 64;
const NGINX_PATH = '/bench.bin';

const mib = (bytes: number) => bytes / MiB;
const sizeName = (bytes: number) => (bytes % (1024 * MiB) === 0 ? `${bytes / (1024 * MiB)} GiB` : `${(bytes / MiB).toFixed(0)} MiB`);

/**
 * The file to serve, made of AES-CTR keystream (fast, and incompressible, unlike a sparse or
 * constant file whose reads the kernel can serve without touching real pages). It stays in the
 * temp folder, so later runs skip writing it; a file with holes is rewritten.
 */
export async function sourceFile(size: number): Promise<string> {
  const file = path.join(tmpdir(), `lsc-bench-download-${size}.bin`);
  const existing = await stat(file).catch(() => null);
  if (existing?.size === size && existing.blocks * 512 >= size) return file;
  const part = `${file}.${process.pid}.part`;
  try {
    await pipeline(Readable.from(demoBytes('lsc bench download', size, 4 * MiB)), createWriteStream(part));
    // nginx's workers run as another user when the bench runs as root.
    await chmod(part, 0o644);
    await rename(part, file);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  return file;
}

const executable = (file: string) =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

async function findBinary(name: 'nginx' | 'curl'): Promise<string | undefined> {
  const override = process.env[name.toUpperCase()];
  if (override) return override;
  // sbin is often missing from a user's PATH, and that is where Debian puts nginx.
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** Runs apt-get as root (directly, or through sudo without a password prompt), never asking anything. */
function aptGet(args: string[]) {
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 16 * MiB };
  return process.getuid?.() === 0 ? run('apt-get', args, options) : run('sudo', ['-n', 'apt-get', ...args], options);
}

const known = (pkg: string) =>
  run('apt-cache', ['show', pkg]).then(
    () => true,
    () => false,
  );

/** Installs the first of `candidates` the apt sources have; the package lists are refreshed only when needed. */
async function aptInstall(candidates: string[]) {
  const choose = async () => {
    for (const pkg of candidates) if (await known(pkg)) return pkg;
    return undefined;
  };
  let pkg = await choose();
  if (!pkg) {
    await aptGet(['update']);
    pkg = await choose();
  }
  if (!pkg) throw new Error(`none of ${candidates.join(', ')} is in the apt sources`);
  console.log(`  (installing ${pkg} with apt-get)`);
  const install = () => aptGet(['install', '-y', '--no-install-recommends', pkg]);
  // Package lists that went stale since the last update give 404s for the .deb files.
  await install().catch(async () => {
    await aptGet(['update']);
    await install();
  });
}

/**
 * nginx and curl from the Debian archive, installed when missing: the reference must not depend on
 * a hand-made setup. nginx-light is the smallest build with the static module; newer Debian
 * releases only have nginx.
 */
export async function ensureTools(): Promise<{ nginx: string; curl: string }> {
  if (!(await findBinary('nginx'))) await aptInstall(['nginx-light', 'nginx']);
  if (!(await findBinary('curl'))) await aptInstall(['curl']);
  const nginx = await findBinary('nginx');
  const curl = await findBinary('curl');
  if (!nginx || !curl) throw new Error('nginx or curl was installed, but its binary was not found');
  return { nginx, curl };
}

interface Nginx {
  port: number;
  version: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A private nginx in the foreground: its own prefix, configuration, pid file and logs in `dir`,
 * on a free port, serving only `file`. One worker, as the service has one JavaScript thread, and
 * Debian's own `sendfile on; tcp_nopush on`, as a packaged nginx would serve downloads.
 */
async function startNginx(binary: string, file: string, dir: string): Promise<Nginx> {
  const prefix = path.join(dir, 'nginx');
  await mkdir(prefix, { recursive: true });
  const { stderr: built } = await run(binary, ['-V']);
  const version = /nginx\/(\S+)/.exec(built)?.[1] ?? 'unknown';
  // Every temp path a compiled-in module would otherwise create under /var/lib/nginx goes into the prefix.
  const temps = ['proxy', 'fastcgi', 'uwsgi', 'scgi']
    .filter((m) => !built.includes(`--without-http_${m}_module`))
    .map((m) => `  ${m}_temp_path ${path.join(prefix, m)};`);
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  await writeFile(
    conf,
    [
      'daemon off;',
      'worker_processes 1;',
      // As root, nginx drops its workers to an unprivileged user; Debian's nginx.conf names www-data.
      ...(process.getuid?.() === 0 ? ['user www-data;'] : []),
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `error_log ${path.join(prefix, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      '  sendfile on;',
      '  tcp_nopush on;',
      '  keepalive_requests 100000;',
      `  client_body_temp_path ${path.join(prefix, 'body')};`,
      ...temps,
      '  server {',
      `    listen 127.0.0.1:${port};`,
      `    location = ${NGINX_PATH} { alias ${file}; types { } default_type application/octet-stream; }`,
      '    location / { return 404; }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-p', `${prefix}/`, '-c', conf, '-e', path.join(prefix, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(`http://127.0.0.1:${port}${NGINX_PATH}`, child, () => stderr);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, version, pid: child.pid ?? 0, stop };
}

async function waitFor(url: string, child: ChildProcess, log: () => string) {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    if (
      await fetch(url, { method: 'HEAD' }).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not answer in time: ${log()}`);
}

/** The processes whose parent is `pid`: nginx's workers, which do the serving. */
export async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name is in parentheses and may contain spaces; the parent pid is the second field after it.
    const ppid = text.slice(text.lastIndexOf(')') + 2).split(' ')[1];
    if (Number(ppid) === pid) out.push(Number(entry));
  }
  return out;
}

/** The blob files `pid` still has open: after every download has ended there must be none. */
async function openFilesUnder(pid: number, dir: string): Promise<number> {
  let n = 0;
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target.startsWith(`${dir}${path.sep}`)) n++;
  }
  return n;
}

async function rssBytes(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

interface Rss {
  start: number;
  peak: number;
  end: number;
}

/** Resident memory of `pids`, sampled every 20 ms while `work` runs: a server that buffered files would grow by hundreds of MiB. */
async function withRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; rss: Rss }> {
  const start = await rssBytes(pids);
  let peak = start;
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    rssBytes(pids)
      .then((n) => {
        peak = Math.max(peak, n);
      })
      .catch(() => {})
      .finally(() => {
        sampling = false;
      });
  }, 20);
  try {
    const result = await work();
    const end = await rssBytes(pids);
    return { result, rss: { start, peak: Math.max(peak, end), end } };
  } finally {
    clearInterval(timer);
  }
}

interface Transfer {
  status: number;
  bytes: number;
  head: Buffer;
}

/** One GET through node:http, its body counted and dropped but for the first bytes, which are checked against the file. */
function download(agent: http.Agent, port: number, target: string, range?: ByteRange): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { agent, host: '127.0.0.1', port, path: target, headers: range ? { range: `bytes=${range.start}-${range.end}` } : {} },
      (res) => {
        let bytes = 0;
        let head = Buffer.alloc(0);
        res.on('data', (chunk: Buffer) => {
          if (head.length < PROBE) head = Buffer.concat([head, chunk.subarray(0, PROBE - head.length)]);
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, head }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** Fails the run when a server sent other bytes than the file's: a fast wrong answer is no figure. */
async function check(source: FileHandle, t: Transfer, expected: { status: number; start: number; length: number }, who: string) {
  if (t.status !== expected.status || t.bytes !== expected.length) {
    throw new Error(`${who}: status ${t.status} with ${t.bytes} bytes, expected ${expected.status} with ${expected.length}`);
  }
  const want = Buffer.alloc(Math.min(PROBE, expected.length));
  await source.read(want, 0, want.length, expected.start);
  if (!want.equals(t.head)) throw new Error(`${who}: the bytes at ${expected.start} differ from the file's`);
}

interface Side {
  who: 'lsc' | 'nginx';
  port: number;
  target: string;
  /** The processes that serve, for their RSS. */
  pids: number[];
}

/** The whole file once through node:http, its length and first bytes checked: the warm-up, and proof both serve the file. */
async function wholeFileChecked(side: Side, source: FileHandle) {
  const agent = new http.Agent({ keepAlive: false });
  try {
    await check(source, await download(agent, side.port, side.target), { status: 200, start: 0, length: SIZE }, side.who);
  } finally {
    agent.destroy();
  }
}

/** CPU seconds (user + system) the processes have used so far, from /proc (clock ticks of 1/100 s). */
export async function cpuSeconds(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * One whole-file download by curl into /dev/null, for service and nginx alike: a C client costs
 * the shared cores far less than node:http, which would otherwise be what is measured.
 */
async function wholeFile(curl: string, side: Side): Promise<{ perSecond: number; cpuPerGiB: number }> {
  const cpuBefore = await cpuSeconds(side.pids);
  const { stdout } = await run(curl, [
    '--silent',
    '--show-error',
    '--output',
    '/dev/null',
    '--write-out',
    '%{http_code} %{size_download} %{time_total}',
    `http://127.0.0.1:${side.port}${side.target}`,
  ]);
  const cpu = (await cpuSeconds(side.pids)) - cpuBefore;
  const [status, bytes, seconds] = stdout.trim().split(' ').map(Number);
  if (status !== 200 || bytes !== SIZE || !seconds) throw new Error(`${side.who}: curl said ${stdout}`);
  return { perSecond: mib(SIZE) / seconds, cpuPerGiB: cpu / (SIZE / (1024 * MiB)) };
}

/** The ranges every server is asked for, the same for all: 8–64 MiB at random offsets, from a fixed seed. */
function benchRanges(count: number): ByteRange[] {
  let state = 0x6c736362; // a 32-bit LCG (Numerical Recipes' constants): reproducible without a dependency
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const length = RANGE_MIN + Math.floor(next() * (RANGE_MAX - RANGE_MIN + 1));
    const start = Math.floor(next() * (SIZE - length + 1));
    return { start, end: start + length - 1 };
  });
}

/** The ranges fetched one after another through node:http, each checked: the warm-up, and proof both serve the right bytes. */
async function rangesChecked(side: Side, source: FileHandle, ranges: ByteRange[]) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (const r of ranges) {
      const t = await download(agent, side.port, side.target, r);
      await check(source, t, { status: 206, start: r.start, length: r.end - r.start + 1 }, side.who);
    }
  } finally {
    agent.destroy();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * The ranges through one curl with `CONCURRENCY` transfers at a time, each next one starting as
 * soon as one is done; a request's latency is curl's time_total for it.
 */
async function rangedLoad(curl: string, side: Side, ranges: ByteRange[], dir: string) {
  const config = path.join(dir, `ranges-${side.who}.curlrc`);
  const url = `http://127.0.0.1:${side.port}${side.target}`;
  await writeFile(
    config,
    ranges
      .map((r) =>
        [
          `url = "${url}"`,
          `range = "${r.start}-${r.end}"`,
          'output = "/dev/null"',
          'write-out = "%{http_code} %{size_download} %{time_total}\\n"',
        ].join('\n'),
      )
      .join('\nnext\n'),
  );
  const started = performance.now();
  const { stdout } = await run(
    curl,
    ['--silent', '--show-error', '--parallel', '--parallel-max', String(CONCURRENCY), '--config', config],
    {
      maxBuffer: 16 * MiB,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const answers = stdout
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number));
  const wanted = new Map<number, number>();
  for (const r of ranges) wanted.set(r.end - r.start + 1, (wanted.get(r.end - r.start + 1) ?? 0) + 1);
  let bytes = 0;
  const latencies: number[] = [];
  for (const [status, size, total] of answers) {
    const left = wanted.get(size ?? -1) ?? 0;
    if (status !== 206 || left === 0) throw new Error(`${side.who}: a ranged answer was ${status} with ${size} bytes`);
    wanted.set(size ?? -1, left - 1);
    bytes += size ?? 0;
    latencies.push((total ?? 0) * 1000);
  }
  if (answers.length !== ranges.length) throw new Error(`${side.who}: ${answers.length} answers to ${ranges.length} ranges`);
  latencies.sort((a, b) => a - b);
  return { perSecond: mib(bytes) / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** The file into the service as a publisher uploads it: streamed as the body of the back office's upload route. */
export function upload(
  base: URL,
  file: string,
  productId: string,
  auth: Record<string, string>,
  size = SIZE,
): Promise<{ id: string; seconds: number }> {
  const q = new URLSearchParams({
    name: `NW_Bench_${sizeName(size).replace(' ', '')}_English_x64.iso`,
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
  });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: `/api/v1/operator/products/${productId}/files?${q}`,
        headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': size },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString();
          if (res.statusCode !== 201) reject(new Error(`upload: ${res.statusCode} ${text}`));
          else resolve({ id: (JSON.parse(text) as { id: string }).id, seconds: (performance.now() - started) / 1000 });
        });
      },
    );
    req.on('error', reject);
    pipeline(createReadStream(file, { highWaterMark: MiB }), req).catch(reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
const rssName = (r: Rss) => `start ${mib(r.start).toFixed(0)} MiB, end ${mib(r.end).toFixed(0)} MiB`;

/**
 * Issue 6: a 2 GiB file served by `lsc start` (on PostgreSQL, through a signed link, from the
 * filesystem blob store) next to nginx serving the same bytes in the same run, with the same
 * client: whole-file throughput, 50 concurrent ranged downloads, and the server's resident
 * memory while it streams, which must not grow with what it sends.
 */
export async function downloadBench() {
  const tools = await ensureTools();
  const file = await sourceFile(SIZE);
  const server = await startBenchServer('downloads', (dir) => ({ FILE_STORE_DIR: path.join(dir, 'files') }));
  const { base, database, dir, port, child } = server;
  const source = await open(file, 'r');
  let nginx: Nginx | undefined;
  try {
    nginx = await startNginx(tools.nginx, file, dir);
    const workers = await childrenOf(nginx.pid);

    const office = (await database.query<{ id: string }>(`select id from product where code = 'OFF-PP-2024'`)).rows[0]?.id;
    if (!office) throw new Error('no demo product OFF-PP-2024');
    const uploaded = await upload(new URL(base), file, office, await session(base, 'operator@northwind.example'));
    console.log(`  (upload of ${sizeName(SIZE)} through the back-office API: ${(mib(SIZE) / uploaded.seconds).toFixed(0)} MiB/s)`);
    const links = await json(
      `${base}/api/v1/downloads/${office}/links`,
      'POST',
      { fileIds: [uploaded.id], method: 'MANAGER' },
      await session(base, 'admin@contoso.example'),
    );
    const link = new URL((links.body.items as { url: string }[])[0]?.url ?? '');
    const lsc: Side = { who: 'lsc', port, target: `${link.pathname}${link.search}`, pids: [child.pid ?? 0] };
    const ngx: Side = { who: 'nginx', port: nginx.port, target: NGINX_PATH, pids: workers };

    // Warm-up: JIT, the database pool, and both copies of the file in the page cache.
    const warm = benchRanges(8);
    for (const side of [lsc, ngx]) await rangesChecked(side, source, warm);
    for (const side of [lsc, ngx]) await wholeFileChecked(side, source);

    const single = { lsc: [] as number[], nginx: [] as number[] };
    const cpu = { lsc: [] as number[], nginx: [] as number[] };
    const singleRss = { lsc: [] as Rss[], nginx: [] as Rss[] };
    for (let i = 0; i < REPEATS; i++) {
      for (const side of [lsc, ngx]) {
        const { result, rss } = await withRss(side.pids, () => wholeFile(tools.curl, side));
        single[side.who].push(result.perSecond);
        cpu[side.who].push(result.cpuPerGiB);
        singleRss[side.who].push(rss);
      }
    }
    const ranges = benchRanges(RANGED_REQUESTS);
    const rangedLsc = await withRss(lsc.pids, () => rangedLoad(tools.curl, lsc, ranges, dir));
    const rangedNginx = await withRss(ngx.pids, () => rangedLoad(tools.curl, ngx, ranges, dir));
    const leaked = await openFilesUnder(child.pid ?? 0, path.join(dir, 'files'));
    if (leaked) throw new Error(`lsc still has ${leaked} blob files open after the downloads ended`);

    const merged = (rs: Rss[]): Rss => ({
      start: rs[0]?.start ?? 0,
      peak: Math.max(...rs.map((r) => r.peak)),
      end: rs[rs.length - 1]?.end ?? 0,
    });
    const lscRss = merged(singleRss.lsc);
    const nginxRss = merged(singleRss.nginx);
    const reference = `nginx ${nginx.version} (1 worker, sendfile), same file`;
    const totalRanged = mib(ranges.reduce((n, r) => n + r.end - r.start + 1, 0));
    return [
      {
        name: `single stream, whole ${sizeName(SIZE)} file, median of ${REPEATS} (lsc ${list(single.lsc)}; nginx ${list(single.nginx)}; best ${Math.max(...single.lsc).toFixed(0)} vs ${Math.max(...single.nginx).toFixed(0)})`,
        value: median(single.lsc),
        unit: 'MiB/s',
        reference: median(single.nginx),
        referenceName: `${reference}, curl`,
        target: '≥ 80 % of nginx',
      },
      {
        name: `server CPU (user + system) per GiB sent in the single streams, median (lsc ${cpu.lsc.map((c) => c.toFixed(2)).join(', ')})`,
        value: median(cpu.lsc),
        unit: 's/GiB',
        reference: median(cpu.nginx),
        referenceName: `nginx worker (${cpu.nginx.map((c) => c.toFixed(2)).join(', ')})`,
        target: '',
      },
      {
        name: `lsc RSS peak during the single streams (${rssName(lscRss)})`,
        value: mib(lscRss.peak),
        unit: 'MiB',
        reference: mib(lscRss.start),
        referenceName: `its RSS before them (nginx worker: peak ${mib(nginxRss.peak).toFixed(0)} MiB, ${rssName(nginxRss)})`,
        target: 'flat',
      },
      {
        name: `${CONCURRENCY} concurrent ranged downloads, aggregate (${RANGED_REQUESTS} requests of 8–64 MiB, ${(totalRanged / 1024).toFixed(1)} GiB)`,
        value: rangedLsc.result.perSecond,
        unit: 'MiB/s',
        reference: rangedNginx.result.perSecond,
        referenceName: `${reference}, curl --parallel`,
        target: '',
      },
      {
        name: `p99 per ranged request at ${CONCURRENCY} concurrent (p50 ${rangedLsc.result.p50.toFixed(0)} ms; nginx p50 ${rangedNginx.result.p50.toFixed(0)} ms)`,
        value: rangedLsc.result.p99,
        unit: 'ms',
        reference: rangedNginx.result.p99,
        referenceName: 'nginx p99',
        target: '',
      },
      {
        name: `lsc RSS peak during the ranged downloads (${rssName(rangedLsc.rss)})`,
        value: mib(rangedLsc.rss.peak),
        unit: 'MiB',
        reference: mib(rangedLsc.rss.start),
        referenceName: `its RSS before them (nginx worker: peak ${mib(rangedNginx.rss.peak).toFixed(0)} MiB, ${rssName(rangedNginx.rss)})`,
        target: 'flat',
      },
    ];
  } finally {
    await nginx?.stop();
    await source.close();
    await server.stop();
  }
}
