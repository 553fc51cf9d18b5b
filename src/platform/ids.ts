import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the system's CSPRNG a few kilobytes at a time: one call per id cost an
 * activation more than the id is worth (randomUUID keeps a similar cache). Each byte is used once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows keyed by it
 * are inserted at the end of their primary-key index instead of on a random page, which keeps the
 * index's hot pages in memory and spares the WAL a full-page image per insert after a checkpoint.
 */
export function uuidv7(at: Date): string {
  if (used + 10 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.allocUnsafe(16);
  const ms = at.getTime();
  // 48 bits of milliseconds, big-endian: the high 16 and the low 32 (a double holds them exactly).
  b.writeUInt16BE(Math.floor(ms / 2 ** 32), 0);
  b.writeUInt32BE(ms % 2 ** 32, 2);
  pool.copy(b, 6, used, used + 10);
  used += 10;
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
