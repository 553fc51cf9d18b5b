import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the receiver recomputes the HMAC
 * over exactly the bytes it received, so the body is signed as the string that is sent.
 */

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The key bytes of a "whsec_<base64>" secret (the prefix is a convention, not part of the key). */
export function webhookKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('the webhook secret holds no key');
  return key;
}

/** "v1,<base64 HMAC-SHA256 of '<id>.<timestamp>.<body>'>", the timestamp in whole seconds since the epoch. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of one attempt: the id stays the same across retries, the timestamp is the attempt's. */
export function signedHeaders(secret: string, id: string, at: Date, body: string): SignedHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}

/**
 * Whether one of the space-separated signatures of a header matches, and the timestamp is within
 * `toleranceSeconds` of `now` (a replayed old message is refused). The receiver's side, for tests and
 * for anyone writing a receiver against this service.
 */
export function verifyWebhook(secret: string, headers: SignedHeaders, body: string, now: Date, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, headers['webhook-id'], timestamp, body));
  return headers['webhook-signature']
    .split(' ')
    .map((s) => Buffer.from(s))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
