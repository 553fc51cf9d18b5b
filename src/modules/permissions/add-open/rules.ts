import type { Role } from '../../../platform/authz/roles.js';

/**
 * R-PERM-10, R-PERM-11: what Add Open License (and a reseller named on an Open order form) gets —
 * view license information and the SA summary, download, product keys, subscriptions. Never
 * Administrator: that only comes through a permission request.
 */
export const ADD_OPEN_ROLES = [
  'LICENSING_INFO_VIEWER',
  'DOWNLOAD',
  'PRODUCT_KEYS',
  'SUBSCRIPTIONS_MANAGER',
] as const satisfies readonly Role[];

/** Numbers are typed from paper forms: spacing and case must not decide whether a pair matches. */
export function normalizeLicenseNumber(value: string): string {
  return value.trim().toUpperCase();
}

export interface Profile {
  firstName: string;
  lastName: string;
}

/**
 * The profile Add Open will use: names given with the request complete a profile that lacks them
 * (first use), but never overwrite stored ones — Add Open is not where a profile is edited.
 */
export function effectiveProfile(stored: Profile, given: Partial<Profile>): Profile {
  return {
    firstName: stored.firstName.trim() || given.firstName?.trim() || '',
    lastName: stored.lastName.trim() || given.lastName?.trim() || '',
  };
}

/** R-PERM-10: the administrators are told who is asking, so both names are required. */
export function isProfileComplete(p: Profile): boolean {
  return p.firstName.trim().length > 0 && p.lastName.trim().length > 0;
}

/** The roles of the limited set the user does not hold yet; an Administrator already holds them all. */
export function missingAddOpenRoles(held: readonly Role[]): Role[] {
  if (held.includes('ADMINISTRATOR')) return [];
  return ADD_OPEN_ROLES.filter((r) => !held.includes(r));
}

export interface SuspensionPolicy {
  maxFailures: number;
  windowHours: number;
  suspensionHours: number;
}

export type SuspensionState = { suspended: true; until: Date } | { suspended: false; attemptsLeft: number };

const HOUR = 3_600_000;

/**
 * R-PERM-10: `maxFailures` invalid pairs within `windowHours` suspend Add Open License for
 * `suspensionHours` after the failure that completed them. Failures before the end of a
 * suspension never count towards the next one, so a user whose suspension ended starts afresh.
 */
export function addOpenSuspension(failures: readonly Date[], now: Date, policy: SuspensionPolicy): SuspensionState {
  const windowMs = policy.windowHours * HOUR;
  const sorted = failures.map((f) => f.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  let run: number[] = [];
  for (const f of sorted) {
    if (f > now.getTime()) break;
    if (until !== null && f < until) continue;
    run = run.filter((t) => f - t < windowMs);
    run.push(f);
    if (run.length >= policy.maxFailures) {
      until = f + policy.suspensionHours * HOUR;
      run = [];
    }
  }
  if (until !== null && now.getTime() < until) return { suspended: true, until: new Date(until) };
  const recent = run.filter((t) => now.getTime() - t < windowMs).length;
  return { suspended: false, attemptsLeft: Math.max(0, policy.maxFailures - recent) };
}

/** How far back failures can matter for `addOpenSuspension` at a given moment. */
export function suspensionLookbackStart(now: Date, policy: SuspensionPolicy): Date {
  return new Date(now.getTime() - (policy.windowHours + policy.suspensionHours) * HOUR);
}
