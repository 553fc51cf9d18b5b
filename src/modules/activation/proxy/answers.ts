import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';
import { conflict } from '../../../platform/errors.js';
import { proxyActivation } from '../tables.js';

/** How long a proxy activation's answer can be fetched again with its Idempotency-Key. */
export const PROXY_ANSWER_KEPT_DAYS = 7;

interface ProxyRequest {
  productCode: string;
  machines: { fingerprint: string; hostname?: string | undefined; machineKind: string }[];
}

/** What was asked, without the key (the answers are kept per key): the same Idempotency-Key must come with the same request. */
export function requestHash(input: ProxyRequest): string {
  const canonical = [input.productCode, input.machines.map((m) => [m.fingerprint, m.hostname ?? null, m.machineKind])];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function sameRequest<T>(kept: { requestHash: string; answer: unknown }, hash: string): T {
  if (kept.requestHash !== hash) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different proxy activation request.');
  }
  return kept.answer as T;
}

/**
 * The answers of proxy activations sent with an Idempotency-Key. A request whose answer was lost
 * (the connection dropped, the server restarted) is sent again with the same key and gets the
 * first answer back as it was; the machines are not counted again. Were the answer never kept
 * (the server died in the middle), the request runs again, and the machines it had activated
 * answer ALREADY_ACTIVATED with their certificates, free.
 */
export function proxyAnswers(db: Db) {
  return {
    async find<T>(keyId: string, idempotencyKey: string, hash: string): Promise<T | null> {
      const [kept] = await db
        .select({ requestHash: proxyActivation.requestHash, answer: proxyActivation.answer })
        .from(proxyActivation)
        .where(and(eq(proxyActivation.keyId, keyId), eq(proxyActivation.idempotencyKey, idempotencyKey)));
      return kept ? sameRequest<T>(kept, hash) : null;
    },

    /** Keeps the answer; if a twin of the request kept its answer first, that one is the answer to both. */
    async keep<T>(keyId: string, idempotencyKey: string, hash: string, answer: T, now: Date): Promise<T> {
      const kept = await db
        .insert(proxyActivation)
        .values({ keyId, idempotencyKey, requestHash: hash, answer, createdAt: now })
        .onConflictDoNothing()
        .returning({ keyId: proxyActivation.keyId });
      await db.delete(proxyActivation).where(lt(proxyActivation.createdAt, new Date(now.getTime() - PROXY_ANSWER_KEPT_DAYS * 86_400_000)));
      if (kept.length > 0) return answer;
      return (await this.find<T>(keyId, idempotencyKey, hash)) ?? answer;
    },
  };
}
