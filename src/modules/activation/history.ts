import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { productKey } from '../keys/tables.js';
import type { MachineKind } from './certificate.js';
import { activation, kmsHost } from './tables.js';

/** The page position: the last row's activation time (ISO) and id. */
const HistoryPosition = z.tuple([z.string().refine((s) => !Number.isNaN(Date.parse(s))), z.string().regex(/^[0-9a-f-]{36}$/)]);

export interface HistoryItem {
  id: string;
  fingerprint: string;
  hostname: string | null;
  machineKind: MachineKind;
  method: 'INDEPENDENT' | 'PROXY' | 'REDEMPTION' | 'KMS_HOST';
  activatedAt: Date;
  hostActivations: number | null;
  lastActivatedAt: Date | null;
}

/**
 * Activation history of one key (machine, when, method; a KMS host key's hosts), newest first,
 * for those who see the key (R-KEY-9): another organization's key answers 404 like a missing one.
 */
export async function activationHistory(db: Db, actor: Actor, keyId: string, page: { limit: number; cursor?: string | undefined }) {
  const ids = await visibleLicensingIds(db, actor, 'keys.view');
  const [key] = ids.length
    ? await db
        .select({
          id: productKey.id,
          type: productKey.type,
          lastFive: productKey.lastFive,
          used: productKey.used,
          limit: productKey.activationLimit,
        })
        .from(productKey)
        .where(and(eq(productKey.id, keyId), inArray(productKey.licensingId, ids)))
    : [];
  if (!key) throw notFound('product key');
  const position = page.cursor ? decodeCursor(page.cursor, HistoryPosition) : null;
  const at = position ? new Date(position[0]) : null;
  const afterId = position?.[1];
  let items: HistoryItem[];
  if (key.type === 'KMS_HOST') {
    const rows = await db
      .select({
        id: kmsHost.id,
        fingerprint: kmsHost.fingerprint,
        hostname: kmsHost.hostname,
        machineKind: kmsHost.machineKind,
        activatedAt: kmsHost.firstActivatedAt,
        hostActivations: kmsHost.activations,
        lastActivatedAt: kmsHost.lastActivatedAt,
      })
      .from(kmsHost)
      .where(
        and(
          eq(kmsHost.keyId, key.id),
          at && afterId ? or(lt(kmsHost.firstActivatedAt, at), and(eq(kmsHost.firstActivatedAt, at), lt(kmsHost.id, afterId))) : undefined,
        ),
      )
      .orderBy(desc(kmsHost.firstActivatedAt), desc(kmsHost.id))
      .limit(page.limit + 1);
    items = rows.map((r) => ({ ...r, method: 'KMS_HOST' as const }));
  } else {
    const rows = await db
      .select({
        id: activation.id,
        fingerprint: activation.fingerprint,
        hostname: activation.hostname,
        machineKind: activation.machineKind,
        method: activation.method,
        activatedAt: activation.activatedAt,
      })
      .from(activation)
      .where(
        and(
          eq(activation.keyId, key.id),
          at && afterId ? or(lt(activation.activatedAt, at), and(eq(activation.activatedAt, at), lt(activation.id, afterId))) : undefined,
        ),
      )
      .orderBy(desc(activation.activatedAt), desc(activation.id))
      .limit(page.limit + 1);
    items = rows.map((r) => ({ ...r, hostActivations: null, lastActivatedAt: null }));
  }
  const more = items.length > page.limit;
  const shown = items.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    key: { id: key.id, type: key.type, lastFive: key.lastFive, activations: { used: key.used, limit: key.limit } },
    items: shown,
    nextCursor: more && last ? encodeCursor([last.activatedAt.toISOString(), last.id]) : null,
  };
}
