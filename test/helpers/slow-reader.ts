import { createHash } from 'node:crypto';

/** Reads a response at about `bytesPerSecond` (a client on a slow line), hashing what arrives. */
export async function readSlowly(res: Response, bytesPerSecond: number, progress: { bytes: number }): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const hash = createHash('sha256');
  const started = performance.now();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    hash.update(value);
    progress.bytes += value.length;
    const due = (progress.bytes / bytesPerSecond) * 1000 - (performance.now() - started);
    if (due > 0) await new Promise((r) => setTimeout(r, due));
  }
  return hash.digest('hex');
}
