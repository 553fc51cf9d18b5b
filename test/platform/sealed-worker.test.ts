import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../src/platform/sealed.js';

/** Secrets opened in bulk on the worker thread (a long key export) open exactly as one at a time. */
describe('sealed values opened on the worker thread', () => {
  const sealer = createSealer(randomBytes(32), 'test purpose v1');
  const ids = Array.from({ length: 500 }, () => randomUUID());
  const plain = ids.map((_, i) => `KEY${i}-ÅÄÖ-${'x'.repeat(i % 40)}`);
  const sealed = ids.map((id, i) => sealer.seal(plain[i] as string, id));

  it('opens a batch in order, the same as open on each', async () => {
    const opened = await sealer.openMany(sealed, ids);
    expect(opened).toEqual(plain);
    expect(opened).toEqual(sealed.map((s, i) => sealer.open(s, ids[i] as string)));
  });

  it('batches sent at once come back each to its own caller', async () => {
    const halves = await Promise.all([
      sealer.openMany(sealed.slice(0, 250), ids.slice(0, 250)),
      sealer.openMany(sealed.slice(250), ids.slice(250)),
    ]);
    expect(halves.flat()).toEqual(plain);
  });

  it('a value copied onto another row does not open, nor one sealed under another key; the worker keeps serving', async () => {
    await expect(sealer.openMany([sealed[0] as string], [ids[1] as string])).rejects.toThrow();
    const other = createSealer(randomBytes(32), 'test purpose v1');
    await expect(other.openMany([sealed[0] as string], [ids[0] as string])).rejects.toThrow();
    await expect(sealer.openMany(sealed.slice(0, 3), ids.slice(0, 3))).resolves.toEqual(plain.slice(0, 3));
    await expect(sealer.openMany([], [])).resolves.toEqual([]);
  });
});
