import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { zeroFilled } from '../../platform/series.js';
import { productKey } from '../keys/tables.js';
import { lastDays } from './rules.js';
import { activation, kmsHost } from './tables.js';

/**
 * Activations per UTC day of one key over the last `days` days, today included, days without
 * any counted as 0, for those who see the key (like its history: another organization's key
 * answers 404). A KMS host key counts the hosts first activated that day.
 */
export async function activationsPerDay(db: Db, clock: Clock, actor: Actor, keyId: string, days: number) {
  const ids = await visibleLicensingIds(db, actor, 'keys.view');
  const [key] = ids.length
    ? await db
        .select({ id: productKey.id, type: productKey.type, lastFive: productKey.lastFive })
        .from(productKey)
        .where(and(eq(productKey.id, keyId), inArray(productKey.licensingId, ids)))
    : [];
  if (!key) throw notFound('product key');
  const buckets = lastDays(clock.now(), days);
  const from = new Date(`${buckets[0]}T00:00:00Z`);
  const at = key.type === 'KMS_HOST' ? kmsHost.firstActivatedAt : activation.activatedAt;
  const table = key.type === 'KMS_HOST' ? kmsHost : activation;
  const keyColumn = key.type === 'KMS_HOST' ? kmsHost.keyId : activation.keyId;
  const day = sql<string>`to_char(date_trunc('day', ${at} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({ bucket: day, count: sql<number>`count(*)::int` })
    .from(table)
    .where(and(eq(keyColumn, key.id), gte(at, from)))
    .groupBy(day);
  return { key: { id: key.id, type: key.type, lastFive: key.lastFive }, days: zeroFilled(buckets, rows, 'day') };
}
