import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { metaPath, type PartMeta, type PartState, partPath } from './plan.js';

async function sizeOf(file: string): Promise<number | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s.size : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parseMeta(text: string): PartMeta | null {
  try {
    const m = JSON.parse(text) as Partial<PartMeta>;
    if (
      m.version === 1 &&
      typeof m.fileId === 'string' &&
      typeof m.sha256 === 'string' &&
      typeof m.etag === 'string' &&
      typeof m.size === 'number' &&
      Number.isSafeInteger(m.size)
    ) {
      return { version: 1, fileId: m.fileId, sha256: m.sha256, etag: m.etag, size: m.size };
    }
  } catch {
    // An unreadable sidecar is as good as none: the download starts over.
  }
  return null;
}

/** The state a run left for `finalPath`: its .part file's length and sidecar. */
export async function readPartState(finalPath: string): Promise<PartState> {
  const bytes = (await sizeOf(partPath(finalPath))) ?? 0;
  let meta: PartMeta | null = null;
  try {
    meta = parseMeta(await readFile(metaPath(finalPath), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return { bytes, meta };
}

export const writePartMeta = (finalPath: string, meta: PartMeta) => writeFile(metaPath(finalPath), `${JSON.stringify(meta)}\n`);

export async function discardPart(finalPath: string): Promise<void> {
  await rm(partPath(finalPath), { force: true });
  await rm(metaPath(finalPath), { force: true });
}

/** The verified .part becomes the file; a crash before the sidecar is gone leaves only a stale sidecar, which the next run removes. */
export async function promotePart(finalPath: string): Promise<void> {
  await rename(partPath(finalPath), finalPath);
  await rm(metaPath(finalPath), { force: true });
}

export const fileSize = sizeOf;
