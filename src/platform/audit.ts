import type { Actor } from './auth/actor.js';
import { insertUnnest } from './db/bulk-insert.js';
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

/** Many entries by one actor at once (an import), in a few statements; as audit otherwise. */
export async function auditMany(
  tx: DbOrTx,
  actor: Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null,
  entries: readonly AuditEntry[],
) {
  const rows = entries.map((e) => ({
    actor_user_id: actor?.userId ?? null,
    organization_id: e.organizationId ?? actor?.organizationId ?? null,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    request_id: actor?.requestId ?? null,
  }));
  const columns = {
    actor_user_id: 'uuid',
    organization_id: 'uuid',
    action: 'text',
    target_type: 'text',
    target_id: 'text',
    before: 'jsonb',
    after: 'jsonb',
    request_id: 'text',
  };
  for (let i = 0; i < rows.length; i += 5000) await insertUnnest(tx, 'audit_log', columns, rows.slice(i, i + 5000));
}
