import { AUDIT_ACTIONS, type AuditAction } from '../../platform/audit.js';

/**
 * The audit view's rules (pure): which period a filter means, and what an Administrator may read
 * of an entry. No clock: the period is what the filter names, in UTC days.
 */

export const isAuditAction = (s: string): s is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(s);

/** From the start of `from` up to the end of `to` (UTC), both days included; either may be open. */
export interface Period {
  since: Date | null;
  before: Date | null;
}

/** The period of a from/to filter; null when it ends before it starts (AUDIT_PERIOD_REVERSED). */
export function periodOf(from: string | undefined, to: string | undefined): Period | null {
  if (from && to && from > to) return null;
  const since = from ? new Date(`${from}T00:00:00Z`) : null;
  const before = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : null;
  return { since, before };
}

/**
 * What of an entry an Administrator reads: the Licensing IDs they administer among those it
 * concerns, and its before/after only when it concerns none they do not administer (else the
 * details would tell them about another Licensing ID). An entry of no Licensing ID (organization
 * level) is read whole by whoever may see it at all.
 */
export function readable(concerned: readonly string[], administered: ReadonlySet<string>) {
  const shown = concerned.filter((id) => administered.has(id));
  return { licensingIds: shown, detailWithheld: shown.length < concerned.length };
}
