import type { Actor } from './auth/actor.js';
import type { DbOrTx } from './db/client.js';
import { auditLog } from './tables.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written by services inside the use-case's transaction, so a change and its record land together. */
export async function audit(tx: DbOrTx, actor: Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null, e: AuditEntry) {
  await tx.insert(auditLog).values({
    actorUserId: actor?.userId ?? null,
    organizationId: e.organizationId ?? actor?.organizationId ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: actor?.requestId ?? null,
  });
}
