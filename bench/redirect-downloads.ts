import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../test/helpers/free-port.js';
import { startNginx } from '../test/helpers/nginx.js';
import { childrenOf, cpuSeconds, ensureTools, sourceFile, upload } from './downloads.js';
import { json, session, startBenchServer } from './lsc-server.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** The file served; BENCH_REDIRECT_BYTES makes it smaller to try the bench out. */
const SIZE = Number(process.env.BENCH_REDIRECT_BYTES ?? GiB);
/**
 * Whole-file downloads per path, alternating the two so that a neighbour's load hits both alike;
 * each pair gives a ratio, and their median is the figure least moved by a busy machine.
 */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
/** Whole-file downloads at once in a concurrent round, and how many such rounds per path (alternating). */
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);
const CONCURRENT_ROUNDS = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? 3);
const ACCEL = '/protected-files/';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const list = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');

interface Round {
  mibPerSecond: number;
  /** CPU seconds of the node and of nginx's worker per GiB sent. */
  nodeCpuPerGiB: number;
  nginxCpuPerGiB: number;
}

/**
 * `count` whole-file downloads of `url` by one curl (in parallel when more than one), into
 * /dev/null, each checked for status 200 and every byte; the CPU the node and nginx's worker used
 * meanwhile, from /proc.
 */
async function round(curl: string, url: string, count: number, nodePid: number, workers: number[], dir: string): Promise<Round> {
  const config = path.join(dir, 'round.curlrc');
  await writeFile(
    config,
    Array.from({ length: count }, () =>
      [`url = "${url}"`, 'output = "/dev/null"', 'write-out = "%{http_code} %{size_download}\\n"'].join('\n'),
    ).join('\nnext\n'),
  );
  const [node0, nginx0] = [await cpuSeconds([nodePid]), await cpuSeconds(workers)];
  const started = performance.now();
  const { stdout } = await run(curl, ['--silent', '--show-error', '--parallel', '--parallel-max', String(count), '--config', config]);
  const seconds = (performance.now() - started) / 1000;
  const [node1, nginx1] = [await cpuSeconds([nodePid]), await cpuSeconds(workers)];
  const answers = stdout.trim().split('\n');
  if (answers.length !== count || answers.some((a) => a !== `200 ${SIZE}`)) throw new Error(`${url}: curl said ${stdout}`);
  const gib = (SIZE * count) / GiB;
  return { mibPerSecond: (SIZE * count) / MiB / seconds, nodeCpuPerGiB: (node1 - node0) / gib, nginxCpuPerGiB: (nginx1 - nginx0) / gib };
}

/**
 * Issue 17: downloads in redirect mode. `lsc start` with DOWNLOAD_ACCEL_REDIRECT behind nginx (one
 * worker, sendfile): the node checks the signed link and records the download, nginx sends the
 * bytes. Next to it, in the same run, the same nginx sending the same file from the same folder
 * by itself; and the node's CPU per GiB, which should be near zero as no byte passes through it.
 */
export async function redirectDownloadBench() {
  const tools = await ensureTools();
  const file = await sourceFile(SIZE);
  const nginxPort = await freePort();
  const server = await startBenchServer('redirect', (dir) => ({
    FILE_STORE_DIR: path.join(dir, 'files'),
    DOWNLOAD_ACCEL_REDIRECT: ACCEL,
    PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
  }));
  const { base, database, dir, port, child } = server;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    nginx = await startNginx(tools.nginx, {
      port: nginxPort,
      upstreamPort: port,
      storeDir: path.join(dir, 'files'),
      accelPrefix: ACCEL,
      direct: true,
    });
    const workers = await childrenOf(nginx.pid ?? 0);
    const office = (await database.query<{ id: string }>(`select id from product where code = 'OFF-PP-2024'`)).rows[0]?.id;
    if (!office) throw new Error('no demo product OFF-PP-2024');
    const uploaded = await upload(new URL(base), file, office, await session(base, 'operator@northwind.example'), SIZE);
    const key = (await database.query<{ blob_key: string }>('select blob_key from download_file where id = $1', [uploaded.id])).rows[0]
      ?.blob_key;
    if (!key) throw new Error('the uploaded file has no blob');
    const links = await json(
      `${base}/api/v1/downloads/${office}/links`,
      'POST',
      { fileIds: [uploaded.id], method: 'MANAGER' },
      await session(base, 'admin@contoso.example'),
    );
    const link = new URL((links.body.items as { url: string }[])[0]?.url ?? '');
    const viaNode = `${nginx.url}${link.pathname}${link.search}`;
    const alone = `${nginx.url}/direct/${key.slice(0, 2)}/${key}`;
    const nodePid = child.pid ?? 0;

    // Warm-up: JIT, the pool, the file in the page cache; and proof that both paths send the file.
    await round(tools.curl, viaNode, 1, nodePid, workers, dir);
    await round(tools.curl, alone, 1, nodePid, workers, dir);

    const single = { redirect: [] as Round[], alone: [] as Round[] };
    for (let i = 0; i < REPEATS; i++) {
      single.redirect.push(await round(tools.curl, viaNode, 1, nodePid, workers, dir));
      single.alone.push(await round(tools.curl, alone, 1, nodePid, workers, dir));
    }
    const many = { redirect: [] as Round[], alone: [] as Round[] };
    for (let i = 0; i < CONCURRENT_ROUNDS; i++) {
      many.redirect.push(await round(tools.curl, viaNode, PARALLEL, nodePid, workers, dir));
      many.alone.push(await round(tools.curl, alone, PARALLEL, nodePid, workers, dir));
    }
    const made = 1 + REPEATS + CONCURRENT_ROUNDS * PARALLEL;
    const recorded = (await database.query<{ n: string }>('select count(*) as n from download_event where file_id = $1', [uploaded.id]))
      .rows[0]?.n;
    if (Number(recorded) !== made) throw new Error(`${recorded} downloads recorded, ${made} made`);

    const size = SIZE % GiB === 0 ? `${SIZE / GiB} GiB` : `${(SIZE / MiB).toFixed(0)} MiB`;
    const mibs = (rs: Round[]) => rs.map((r) => r.mibPerSecond);
    const reference = 'nginx alone (1 worker, sendfile), same file, same folder';
    const ratios = single.redirect.map((r, i) => r.mibPerSecond / (single.alone[i]?.mibPerSecond ?? Number.NaN));
    return [
      {
        name: `single stream through X-Accel-Redirect, whole ${size} file, median of ${REPEATS} (redirect ${list(mibs(single.redirect))}; alone ${list(mibs(single.alone))})`,
        value: median(mibs(single.redirect)),
        unit: 'MiB/s',
        reference: median(mibs(single.alone)),
        referenceName: `${reference}, curl`,
        target: '≥ 0.95× nginx alone',
      },
      {
        name: `the same, ratio redirect / alone of each back-to-back pair, median (${list(ratios, 2)})`,
        value: median(ratios),
        unit: '×',
        reference: 1,
        referenceName: 'nginx alone',
        target: '≥ 0.95',
      },
      {
        name: `${PARALLEL} concurrent whole-file downloads through X-Accel-Redirect, aggregate, median of ${CONCURRENT_ROUNDS} (redirect ${list(mibs(many.redirect))}; alone ${list(mibs(many.alone))})`,
        value: median(mibs(many.redirect)),
        unit: 'MiB/s',
        reference: median(mibs(many.alone)),
        referenceName: `${reference}, curl --parallel`,
        target: '≥ 0.95× nginx alone',
      },
      {
        // Wall time on a shared machine moves with the neighbours; the CPU a GiB costs does not, and
        // where the CPU is the limit it is what bounds the throughput.
        name: 'CPU per GiB sent (user + system), redirect: node + nginx worker, median of the single streams',
        value: median(single.redirect.map((r) => r.nodeCpuPerGiB + r.nginxCpuPerGiB)),
        unit: 's/GiB',
        reference: median(single.alone.map((r) => r.nginxCpuPerGiB)),
        referenceName: 'nginx worker alone (/proc counts CPU in 10 ms ticks: ±0.01 per GiB)',
        target: '',
      },
      {
        name: `node CPU (user + system) per GiB downloaded through it, median of the single streams (${list(
          single.redirect.map((r) => r.nodeCpuPerGiB),
          3,
        )}; concurrent ${list(
          many.redirect.map((r) => r.nodeCpuPerGiB),
          3,
        )})`,
        value: median(single.redirect.map((r) => r.nodeCpuPerGiB)),
        unit: 's/GiB',
        reference: median(single.redirect.map((r) => r.nginxCpuPerGiB)),
        referenceName: 'nginx worker per GiB in the same downloads',
        target: 'near 0',
      },
    ];
  } finally {
    await nginx?.close();
    await server.stop();
  }
}
