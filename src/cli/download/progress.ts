import cliProgress from 'cli-progress';
import type { DownloadEvent, DownloadListener } from './events.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Which tenth of the file `bytes` has reached (0 … 10); a plain log prints a line each time it grows. */
export const tenthOf = (bytes: number, size: number) => (size <= 0 ? 10 : Math.min(10, Math.floor((bytes * 10) / size)));

/**
 * The line a plain (non-terminal) log prints for an event, or null for none. `lastTenth` is what
 * was printed for each file so far, so progress appears every 10 % rather than per network read.
 */
export function plainLine(e: DownloadEvent, lastTenth: Map<string, number>): string | null {
  switch (e.type) {
    case 'bundle': {
      const total = e.files.reduce((n, f) => n + f.size, 0);
      return `${e.product.code} (${e.product.name}): ${e.files.length} file(s), ${formatBytes(total)}, into ${e.dir}`;
    }
    case 'start':
      lastTenth.set(e.file, tenthOf(e.offset, e.size));
      return e.offset > 0
        ? `${e.file}: resuming at ${formatBytes(e.offset)} of ${formatBytes(e.size)}`
        : `${e.file}: downloading ${formatBytes(e.size)}`;
    case 'progress': {
      const tenth = tenthOf(e.bytes, e.size);
      if (tenth <= (lastTenth.get(e.file) ?? 0)) return null;
      lastTenth.set(e.file, tenth);
      return `${e.file}: ${tenth * 10}% (${formatBytes(e.bytes)} of ${formatBytes(e.size)})`;
    }
    case 'restart':
      lastTenth.set(e.file, 0);
      return `${e.file}: starting again from the beginning: ${e.reason}`;
    case 'retry':
      return `${e.file}: ${e.reason}; retrying in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.failure + 1} of ${e.attempts})`;
    case 'links-renewed':
      return `${e.file}: the download link expired; continuing with a new one`;
    case 'verifying':
      return `${e.file}: checking SHA-256`;
    case 'done':
      return e.alreadyThere ? `${e.file}: already downloaded, SHA-256 matches` : `${e.file}: done, SHA-256 ${e.sha256} matches`;
    case 'failed':
      return `${e.file}: FAILED: ${e.message}`;
    case 'paused':
      return `${e.file}: paused at ${formatBytes(e.bytes)} of ${formatBytes(e.size)}`;
  }
}

export interface ProgressDisplay {
  listener: DownloadListener;
  /** Ends the bars (a terminal's cursor and last frame) before the summary is printed. */
  stop(): void;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean };

/** Plain lines for logs and pipes. */
function plainDisplay(out: Out): ProgressDisplay {
  const lastTenth = new Map<string, number>();
  return {
    listener: (e) => {
      const line = plainLine(e, lastTenth);
      if (line !== null) out.write(`${line}\n`);
    },
    stop: () => {},
  };
}

const STATUS: Partial<Record<DownloadEvent['type'], string>> = {
  start: 'downloading',
  verifying: 'checking SHA-256',
  'links-renewed': 'new link',
};

/** One bar per file on a terminal; events that need words (retries, failures) print above the bars. */
/** Columns a bar line uses besides the name and the bar: percentage, "900.0 KiB/1.2 GiB", a status such as "checking SHA-256". */
const LINE_REST = 44;

/** A name shortened in the middle, where versions and languages differ least. */
export const fitName = (name: string, width: number) =>
  name.length <= width
    ? name.padEnd(width)
    : `${name.slice(0, Math.ceil((width - 1) / 2))}…${name.slice(name.length - Math.floor((width - 1) / 2))}`;

function terminalDisplay(out: Out & { columns?: number }): ProgressDisplay {
  const bars = new cliProgress.MultiBar(
    {
      stream: out,
      format: ' {name} {bar} {percentage}% {have}/{total_h} {status}',
      hideCursor: true,
      autopadding: true,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  const lastTenth = new Map<string, number>();
  const log = (e: DownloadEvent) => {
    const line = plainLine(e, lastTenth);
    if (line !== null) bars.log(`${line}\n`);
  };

  return {
    listener: (e) => {
      if (e.type === 'bundle') {
        out.write(`${plainLine(e, lastTenth)}\n`);
        // The line must fit the terminal: cli-progress cuts what does not, and the status is at the end.
        const columns = out.columns ?? 80;
        const width = Math.max(12, Math.min(Math.max(...e.files.map((f) => f.name.length)), columns - LINE_REST - 10));
        const barsize = Math.max(10, Math.min(30, columns - LINE_REST - width));
        for (const f of e.files) {
          const payload = { name: fitName(f.name, width), have: formatBytes(0), total_h: formatBytes(f.size), status: 'waiting' };
          byFile.set(f.name, bars.create(f.size, 0, payload, { barsize }));
        }
        return;
      }
      const bar = byFile.get(e.file);
      if (!bar) return;
      switch (e.type) {
        case 'start':
          bar.update(e.offset, { have: formatBytes(e.offset), status: e.offset > 0 ? 'resuming' : STATUS.start });
          break;
        case 'progress':
          bar.update(e.bytes, { have: formatBytes(e.bytes), status: STATUS.start });
          break;
        case 'retry':
          bar.update({ status: `retry ${e.failure + 1}/${e.attempts} in ${(e.delayMs / 1000).toFixed(1)} s` });
          log(e);
          break;
        case 'restart':
          bar.update(0, { have: formatBytes(0), status: 'restarting' });
          log(e);
          break;
        case 'done':
          bar.update(bar.getTotal(), { have: formatBytes(bar.getTotal()), status: 'SHA-256 ok' });
          break;
        case 'failed':
          bar.update({ status: 'FAILED' });
          log(e);
          break;
        case 'paused':
          bar.update({ status: 'paused' });
          break;
        default:
          bar.update({ status: STATUS[e.type] ?? '' });
      }
    },
    stop: () => bars.stop(),
  };
}

export function createProgressDisplay(out: Out = process.stdout): ProgressDisplay {
  return out.isTTY ? terminalDisplay(out) : plainDisplay(out);
}
