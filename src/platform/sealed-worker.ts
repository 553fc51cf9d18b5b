import { Worker } from 'node:worker_threads';
import { openSealedValue } from './sealed-format.js';

/**
 * The worker's whole program, plain JavaScript evaluated as is: it then runs alike from src/ (tsx,
 * vitest) and from dist/, with no worker file to resolve. It opens exactly as `open` in sealed.ts
 * does: with the source of the same `openSealedValue`; test/platform/sealed-worker proves the two agree.
 */
const PROGRAM = `
const { parentPort } = require('node:worker_threads');
const { createDecipheriv, createSecretKey } = require('node:crypto');
const openSealedValue = ${openSealedValue.toString()};
let keyBytes = null;
let key = null;
parentPort.on('message', ({ n, secret, sealed, rowIds }) => {
  try {
    if (keyBytes === null || !Buffer.from(secret).equals(keyBytes)) {
      keyBytes = Buffer.from(secret);
      key = createSecretKey(keyBytes);
    }
    const opened = new Array(sealed.length);
    for (let i = 0; i < sealed.length; i++) {
      opened[i] = openSealedValue(createDecipheriv, key, sealed[i], rowIds[i]);
    }
    parentPort.postMessage({ n, opened });
  } catch (e) {
    parentPort.postMessage({ n, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

interface Waiting {
  resolve(opened: string[]): void;
  reject(e: Error): void;
}

let worker: Worker | null = null;
let sent = 0;
const waiting = new Map<number, Waiting>();

function failAll(e: Error) {
  worker = null;
  for (const w of waiting.values()) w.reject(e);
  waiting.clear();
}

/** One worker for the process, started on first use; it holds the process open only while it has work. */
function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(PROGRAM, { eval: true });
  w.on('message', (m: { n: number; opened?: string[]; error?: string }) => {
    const job = waiting.get(m.n);
    if (!job) return;
    waiting.delete(m.n);
    if (waiting.size === 0) w.unref();
    if (m.opened) job.resolve(m.opened);
    else job.reject(new Error(m.error ?? 'could not open a sealed value'));
  });
  w.on('error', failAll);
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`the sealed-value worker exited (${code})`));
  });
  w.unref();
  worker = w;
  return w;
}

/**
 * Many sealed values opened at once on a thread of their own (AES-GCM costs about as much per key
 * as everything else an export does with it), so a long export decrypts one batch while this
 * thread reads and writes the next. Rejects if any value does not open for its row id.
 */
export function openInWorker(key: Buffer, sealed: readonly string[], rowIds: readonly string[]): Promise<string[]> {
  if (sealed.length !== rowIds.length) throw new Error('one row id per sealed value');
  if (sealed.length === 0) return Promise.resolve([]);
  const w = theWorker();
  const n = ++sent;
  return new Promise<string[]>((resolve, reject) => {
    waiting.set(n, { resolve, reject });
    w.ref();
    w.postMessage({ n, secret: key, sealed, rowIds });
  });
}
