import { type OutboundFetch, outboundRefusal } from '../../platform/net/outbound.js';
import { signedHeaders } from './signature.js';

/**
 * How one attempt ended, as the delivery log and the back office name it:
 * DELIVERED: the receiver answered 2xx. HTTP_ERROR: it answered anything else (a redirect too: a
 * webhook is not followed elsewhere). TIMEOUT: no complete answer within the timeout.
 * UNREACHABLE: no connection (refused, reset, unknown host). ADDRESS_REFUSED: the URL leads to a
 * loopback or private address and the operator did not allow those.
 */
export const ATTEMPT_OUTCOMES = ['DELIVERED', 'HTTP_ERROR', 'TIMEOUT', 'UNREACHABLE', 'ADDRESS_REFUSED'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  /** A short reason for the log, never the secret or the body. */
  error: string | null;
  durationMs: number;
}

/** What the receiver gets: the Standard Webhooks payload shape. */
export interface WebhookMessage {
  id: string;
  type: string;
  createdAt: Date;
  data: unknown;
}

export const webhookBody = (m: WebhookMessage) => JSON.stringify({ type: m.type, timestamp: m.createdAt.toISOString(), data: m.data });

const ERROR_TEXT_MAX = 300;

/** The innermost cause's code or message: "fetch failed" says nothing, ECONNREFUSED does. */
function reason(err: unknown): string {
  let found = err;
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) found = e;
  const { code, message } = (found ?? {}) as { code?: unknown; message?: unknown };
  return String(code ?? message ?? found).slice(0, ERROR_TEXT_MAX);
}

function isTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (
      name === 'TimeoutError' ||
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT'
    )
      return true;
  }
  return false;
}

/** Classifies a thrown request error (pure, for the log). */
export function failureOf(err: unknown): Pick<AttemptResult, 'outcome' | 'error'> {
  const refused = outboundRefusal(err);
  if (refused) return { outcome: 'ADDRESS_REFUSED', error: refused.addressClass };
  if (isTimeout(err)) return { outcome: 'TIMEOUT', error: 'no answer within the timeout' };
  return { outcome: 'UNREACHABLE', error: reason(err) };
}

/**
 * One POST of a signed webhook. The timeout covers the whole exchange, the answer's body included
 * (read and dropped: a receiver that stalls mid-body must not hold the worker).
 */
export async function attemptDelivery(
  fetch: OutboundFetch,
  url: string,
  secret: string,
  message: WebhookMessage,
  at: Date,
  timeoutMs: number,
): Promise<AttemptResult> {
  const body = webhookBody(message);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'licensing-service-center',
        ...signedHeaders(secret, message.id, at, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    if (res.status >= 200 && res.status < 300) return { outcome: 'DELIVERED', statusCode: res.status, error: null, durationMs: elapsed() };
    return { outcome: 'HTTP_ERROR', statusCode: res.status, error: `HTTP ${res.status}`, durationMs: elapsed() };
  } catch (err) {
    return { ...failureOf(err), statusCode: null, durationMs: elapsed() };
  }
}
