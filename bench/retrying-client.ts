import { createHash } from 'node:crypto';
import http from 'node:http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Answers a well-behaved client sends again: the balancer found no node, or the node went away. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const ATTEMPTS = 30;

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Which node answered (HAProxy's X-Served-By). */
  servedBy: string | undefined;
}

function request(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = { text };
          }
          const servedBy = res.headers['x-served-by'];
          resolve({ status: res.statusCode ?? 0, body: parsed, servedBy: typeof servedBy === 'string' ? servedBy : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface Outcome {
  /** The final answer, or undefined when the client gave up (an unrecoverable failure). */
  answer: Answer | undefined;
  /** Attempts that failed in a way the client retries (connection error, 502/503/504). */
  retries: number;
}

/**
 * An activation as a client should make it (the API's RETRY_ADVICE): the same body and the same
 * Idempotency-Key again after a connection error or a 5xx from the balancer, with growing waits,
 * until an answer arrives.
 */
export async function activateUntilAnswered(agent: http.Agent, base: string, body: object, idempotencyKey: string): Promise<Outcome> {
  const url = new URL('/api/v1/activations', base);
  const text = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'idempotency-key': idempotencyKey,
  };
  let retries = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const answer = await request(agent, url, 'POST', headers, text).catch(() => undefined);
    if (answer && !RETRYABLE_STATUS.has(answer.status)) return { answer, retries };
    retries++;
    await sleep(Math.min(1000, 25 * 2 ** attempt));
  }
  return { answer: undefined, retries };
}

/**
 * A whole file through a signed link, resumed with Range where a transfer broke off (what `lsc
 * download` and browsers do); answers the sha256 of what arrived, or undefined if it gave up.
 */
export async function downloadWithResume(agent: http.Agent, link: string, size: number): Promise<Outcome & { sha256?: string }> {
  const url = new URL(link);
  const hash = createHash('sha256');
  let got = 0;
  let retries = 0;
  for (let attempt = 0; attempt < ATTEMPTS && got < size; attempt++) {
    const headers: Record<string, string> = got > 0 ? { range: `bytes=${got}-` } : {};
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.request({ agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers }, (res) => {
        const expected = got > 0 ? 206 : 200;
        if (res.statusCode !== expected) {
          res.resume();
          resolve(false);
          return;
        }
        res.on('data', (c: Buffer) => {
          hash.update(c);
          got += c.length;
        });
        res.on('error', () => resolve(false));
        res.on('aborted', () => resolve(false));
        res.on('end', () => resolve(got === size));
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return { answer: { status: 200, body: {}, servedBy: undefined }, retries, sha256: hash.digest('hex') };
    retries++;
    await sleep(Math.min(1000, 25 * 2 ** attempt));
  }
  return { answer: undefined, retries };
}
