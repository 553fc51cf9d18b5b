import { createCipheriv, createHash } from 'node:crypto';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import { product } from '../catalog/tables.js';
import type { DownloadFormat } from './rules.js';
import { downloadFile, downloadInfo } from './tables.js';

const MiB = 1024 * 1024;

/** The demo's files: an ISO and an EXE bundle, a Swedish file, downgrade versions, and Datacenter with none (R-DL-3). */
const DEMO_FILES: { code: string; name: string; language: string; os: string; arch: string; format: DownloadFormat; size: number }[] = [
  {
    code: 'OFF-PP-2024',
    name: 'NW_Office_ProPlus_2024_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: 2 * MiB,
  },
  {
    code: 'OFF-PP-2024',
    name: 'NW_Office_ProPlus_2024_Setup_English_x64.exe',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'EXE',
    size: MiB,
  },
  {
    code: 'OFF-PP-2024',
    name: 'NW_Office_ProPlus_2024_Svenska_x64.iso',
    language: 'sv',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
  {
    code: 'OFF-PP-2021',
    name: 'NW_Office_ProPlus_2021_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
  {
    code: 'OFF-PP-2019',
    name: 'NW_Office_ProPlus_2019_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
  {
    code: 'OFF-STD-2021',
    name: 'NW_Office_Standard_2021_English_x64.exe',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'EXE',
    size: MiB,
  },
  {
    code: 'OFF-STD-2024',
    name: 'NW_Office_Standard_2024_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
  {
    code: 'DOS-ENT-11',
    name: 'NW_Desktop_OS_11_Enterprise_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: 2 * MiB,
  },
  {
    code: 'SRV-STD-2022',
    name: 'NW_Server_2022_Standard_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
  {
    code: 'CHAT-STD-2019',
    name: 'NW_Chat_Server_2019_English_x64.iso',
    language: 'en',
    os: 'WINDOWS',
    arch: 'X64',
    format: 'ISO',
    size: MiB,
  },
];

const DEMO_INFO: Record<string, { versionNotes?: string; specialInstructions?: string; systemRequirements?: string }> = {
  'OFF-PP-2024': {
    versionNotes: 'Version 2024 (build 17932.20000). Includes the Word, Excel, PowerPoint, Outlook and Access applications.',
    specialInstructions:
      'Volume-licensed installations activate with a MAK or through your KMS host; the setup key only unlocks the installer.',
    systemRequirements: '64-bit processor, 4 GB RAM, 4 GB free disk space, Northwind Desktop OS 10 or later.',
  },
  'DOS-ENT-11': {
    systemRequirements: '64-bit processor with 2 or more cores, 4 GB RAM, 64 GB storage, TPM 2.0, UEFI with Secure Boot.',
  },
};

/** A demo blob key names its size, so the bytes can be made again from the key alone. */
const PREFIX = 'demo-';
const demoKey = (label: string, size: number) => `${PREFIX}${size}-${createHash('sha256').update(label).digest('hex').slice(0, 24)}`;
const sizeOfKey = (key: string) => Number(key.slice(PREFIX.length, key.indexOf('-', PREFIX.length)));

/** Deterministic bytes: an AES-256-CTR keystream keyed by the seed, fast and incompressible like a real image. */
export async function* demoBytes(seed: string, size: number, chunk = 256 * 1024): AsyncGenerator<Buffer> {
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(`lsc demo file ${seed}`).digest(), Buffer.alloc(16));
  const zeros = Buffer.alloc(chunk);
  for (let left = size; left > 0; left -= chunk) yield cipher.update(zeros.subarray(0, Math.min(chunk, left)));
}

const digests = new Map<string, string>();
async function digestOf(key: string): Promise<string> {
  const known = digests.get(key);
  if (known) return known;
  const hash = createHash('sha256');
  for await (const b of demoBytes(key, sizeOfKey(key))) hash.update(b);
  const hex = hash.digest('hex');
  digests.set(key, hex);
  return hex;
}

/** Demo rows for the demo catalog's files and "More" panels; the bytes follow on the first start (materializeDemoFiles). */
export async function seedDemoDownloads(tx: DbOrTx): Promise<void> {
  const codes = [...new Set([...DEMO_FILES.map((f) => f.code), ...Object.keys(DEMO_INFO)])];
  const rows = await tx.select({ id: product.id, code: product.code }).from(product).where(inArray(product.code, codes));
  const idOf = new Map(rows.map((r) => [r.code, r.id]));
  const values = [];
  for (const f of DEMO_FILES) {
    const productId = idOf.get(f.code);
    if (!productId) continue;
    const blobKey = demoKey(`${f.code}/${f.name}`, f.size);
    values.push({
      productId,
      fileName: f.name,
      language: f.language,
      os: f.os,
      architecture: f.arch,
      format: f.format,
      size: f.size,
      sha256: await digestOf(blobKey),
      blobKey,
    });
  }
  if (values.length) await tx.insert(downloadFile).values(values);
  const info = Object.entries(DEMO_INFO).flatMap(([code, text]) => {
    const productId = idOf.get(code);
    return productId ? [{ productId, versionNotes: null, specialInstructions: null, systemRequirements: null, ...text }] : [];
  });
  if (info.length) await tx.insert(downloadInfo).values(info);
}

/**
 * Writes the bytes of demo rows into the blob store (the seed runs before the store is known) and
 * points the rows at them. Checked against the seeded SHA-256, so a row never names wrong bytes.
 */
export async function materializeDemoFiles(db: Db, blobs: BlobStore): Promise<number> {
  const pending = await db
    .select({ id: downloadFile.id, blobKey: downloadFile.blobKey, sha256: downloadFile.sha256 })
    .from(downloadFile)
    .where(and(like(downloadFile.blobKey, `${PREFIX}%`), sql`${downloadFile.deletedAt} is null`));
  let written = 0;
  for (const row of pending) {
    const stored = await blobs.put(demoBytes(row.blobKey, sizeOfKey(row.blobKey)), { expectedSha256: row.sha256 });
    const moved = await db
      .update(downloadFile)
      .set({ blobKey: stored.key })
      .where(and(eq(downloadFile.id, row.id), eq(downloadFile.blobKey, row.blobKey)))
      .returning({ id: downloadFile.id });
    // Another app node got there first: its copy is the one the row names.
    if (moved.length === 0) await blobs.delete(stored.key);
    else written++;
  }
  return written;
}
