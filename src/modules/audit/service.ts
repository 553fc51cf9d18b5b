import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/authz/authorize.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { Db } from '../../platform/db/client.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { isAuditAction, periodOf, readable } from './rules.js';
import { type AuditEntry, AuditPosition } from './schemas.js';

/**
 * Whose trail a reader reads. An Administrator: the entries concerning a Licensing ID they
 * administer, and their organization's entries of no Licensing ID when they administer one of the
 * organization's own (as for organization settings). The publisher's staff: everything, or one
 * organization's.
 */
export type AuditScope =
  | { kind: 'administrator'; administered: ReadonlySet<string>; organizationId: string | null }
  | { kind: 'operator'; organizationId: string | null };

export interface AuditFilter {
  person?: string | undefined;
  licensingId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface AuditRow extends Record<string, unknown> {
  id: string;
  at: string | Date;
  action: AuditEntry['action'];
  target_type: string;
  target_id: string | null;
  licensing_ids: string[];
  before: unknown;
  after: unknown;
  actor_id: string | null;
  actor_email: string | null;
  first_name: string | null;
  last_name: string | null;
  org_id: string | null;
  org_name: string | null;
  /** Licensing ID → its number, for those the entry concerns. */
  numbers: Record<string, string> | null;
}

const uuidArray = (ids: Iterable<string>): SQL => sql`${sql.param([...ids])}::uuid[]`;

/** One page of entries, newest first; the page is read once the filter is known to be sound. */
const PAGE_OF_EXPORT = 1000;

export function createAuditService({ db }: { db: Db }) {
  /** The organization's own entries are for whom the gate lets manage the organization (organization.manage). */
  const organizationAdmin = (actor: Actor) =>
    authorize(db, actor, 'organization.manage').then(
      () => true,
      (e: unknown) => {
        if (e instanceof DomainError && e.status === 403) return false;
        throw e;
      },
    );

  async function scopeOf(actor: Actor): Promise<AuditScope> {
    const [administered, orgAdmin] = await Promise.all([visibleLicensingIds(db, actor, 'users.manage'), organizationAdmin(actor)]);
    return { kind: 'administrator', administered: new Set(administered), organizationId: orgAdmin ? actor.organizationId : null };
  }

  /** The WHERE of a filtered read in this scope; null when nothing can match (no scope, an unknown person). */
  async function conditions(scope: AuditScope, filter: AuditFilter): Promise<SQL | null> {
    if (filter.action !== undefined && !isAuditAction(filter.action)) {
      throw invalid('UNKNOWN_AUDIT_ACTION', 'There is no such action in the audit trail.', { action: filter.action });
    }
    const period = periodOf(filter.from, filter.to);
    if (!period) throw invalid('AUDIT_PERIOD_REVERSED', 'The period ends before it starts.');
    const where: SQL[] = [];
    if (scope.kind === 'administrator') {
      if (filter.licensingId && !scope.administered.has(filter.licensingId)) throw notFound('Licensing ID');
      const parts: SQL[] = [];
      if (scope.administered.size > 0) parts.push(sql`a.licensing_ids && ${uuidArray(scope.administered)}`);
      if (scope.organizationId) parts.push(sql`(a.licensing_ids = '{}' and a.organization_id = ${scope.organizationId})`);
      if (parts.length === 0) return null;
      where.push(sql`(${sql.join(parts, sql` or `)})`);
    } else if (scope.organizationId) {
      where.push(sql`a.organization_id = ${scope.organizationId}`);
    }
    if (filter.licensingId) where.push(sql`a.licensing_ids @> ${uuidArray([filter.licensingId])}`);
    if (filter.action) where.push(sql`a.action = ${filter.action}`);
    if (period.since) where.push(sql`a.at >= ${period.since.toISOString()}::timestamptz`);
    if (period.before) where.push(sql`a.at < ${period.before.toISOString()}::timestamptz`);
    if (filter.person) {
      const people = await db.execute<{ id: string }>(sql`select id from "user" where lower(email) = lower(${filter.person})`);
      const ids = people.rows.map((p) => p.id);
      if (ids.length === 0) return null;
      where.push(
        sql`(a.actor_user_id = any(${uuidArray(ids)}) or (a.target_type = 'user' and a.target_id = any(${sql.param(ids)}::text[])))`,
      );
    }
    return where.length ? sql.join(where, sql` and `) : sql`true`;
  }

  async function rows(where: SQL, afterId: string | null, limit: number) {
    const after = afterId ? sql`and a.id < ${afterId}::bigint` : sql``;
    return (
      await db.execute<AuditRow>(sql`
        select a.id::text as id, a.at, a.action, a.target_type, a.target_id, a.licensing_ids::text[] as licensing_ids, a.before, a.after,
          u.id as actor_id, u.email as actor_email, u.first_name, u.last_name, o.id as org_id, o.name as org_name,
          (select json_object_agg(l.id, l.number) from licensing_id l where l.id = any(a.licensing_ids)) as numbers
        from audit_log a
        left join "user" u on u.id = a.actor_user_id
        left join organization o on o.id = a.organization_id
        where ${where} ${after}
        order by a.id desc
        limit ${limit}`)
    ).rows;
  }

  /** The entries as the scope may read them (see `readable`), with their Licensing IDs' numbers. */
  function entries(scope: AuditScope, found: AuditRow[]): AuditEntry[] {
    const shown = found.map((r) => ({
      row: r,
      ...(scope.kind === 'administrator'
        ? readable(r.licensing_ids, scope.administered)
        : { licensingIds: r.licensing_ids, detailWithheld: false }),
    }));
    return shown.map(({ row: r, licensingIds, detailWithheld }) => ({
      id: r.id,
      at: new Date(r.at),
      action: r.action,
      actor: r.actor_id ? { id: r.actor_id, email: r.actor_email ?? '', name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() } : null,
      organization: r.org_id ? { id: r.org_id, name: r.org_name ?? '' } : null,
      targetType: r.target_type,
      targetId: r.target_id,
      licensingIds: licensingIds.map((id) => ({ id, number: r.numbers?.[id] ?? '' })),
      detailWithheld,
      before: detailWithheld ? null : (r.before ?? null),
      after: detailWithheld ? null : (r.after ?? null),
    }));
  }

  async function page(scope: AuditScope, q: AuditFilter & { limit: number; cursor?: string | undefined }) {
    const afterId = q.cursor ? decodeCursor(q.cursor, AuditPosition)[0] : null;
    const where = await conditions(scope, q);
    if (!where) return { items: [], nextCursor: null };
    const found = await rows(where, afterId, q.limit + 1);
    const items = entries(scope, found.slice(0, q.limit));
    const last = items[items.length - 1];
    return { items, nextCursor: found.length > q.limit && last ? encodeCursor([last.id]) : null };
  }

  /** Every matching entry, newest first, a page at a time (for the CSV export: never the whole trail in memory). */
  async function* all(scope: AuditScope, filter: AuditFilter): AsyncGenerator<AuditEntry> {
    const where = await conditions(scope, filter);
    if (!where) return;
    let afterId: string | null = null;
    for (;;) {
      const found = await rows(where, afterId, PAGE_OF_EXPORT);
      yield* entries(scope, found);
      if (found.length < PAGE_OF_EXPORT) return;
      afterId = found[found.length - 1]?.id ?? null;
    }
  }

  return {
    /** An Administrator's audit view. */
    async administratorPage(actor: Actor, q: AuditFilter & { limit: number; cursor?: string | undefined }) {
      return page(await scopeOf(actor), q);
    },
    /** The publisher's: every organization's trail, or one's. */
    operatorPage(q: AuditFilter & { organizationId?: string | undefined; limit: number; cursor?: string | undefined }) {
      return page({ kind: 'operator', organizationId: q.organizationId ?? null }, q);
    },
    /**
     * The export's entries. The filter is checked before the first byte is sent, so a bad filter
     * is a problem answer, not a broken file.
     */
    async administratorExport(actor: Actor, filter: AuditFilter) {
      const scope = await scopeOf(actor);
      await conditions(scope, filter);
      return all(scope, filter);
    },
    async operatorExport(filter: AuditFilter & { organizationId?: string | undefined }) {
      const scope: AuditScope = { kind: 'operator', organizationId: filter.organizationId ?? null };
      await conditions(scope, filter);
      return all(scope, filter);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
