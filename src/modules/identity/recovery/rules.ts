/** Pure rules of account recovery: who gets what when a reset is asked for, and whether a link still works. */

export type UserStatus = 'invited' | 'active' | 'deactivated' | 'removed';

/** What the service knows about the account an address names, for the decisions below. */
export interface RecoveryAccount {
  status: UserStatus;
  hasPassword: boolean;
  /** The account has signed in through its organization's identity provider (it has a subject there). */
  ssoLinked: boolean;
}

/**
 * What "forgot password" does for the account an address names. The answer to the caller is the
 * same in every case; only the owner's mailbox tells them apart. A password account gets a link;
 * an SSO-only account is told to recover at its identity provider; an unknown, invited (never
 * registered) or deactivated account gets nothing, so a stranger cannot mail anyone but an owner.
 */
export type ResetOutcome = 'LINK' | 'SSO_HINT' | 'NOTHING';

export function resetOutcome(account: RecoveryAccount | null): ResetOutcome {
  if (account?.status !== 'active') return 'NOTHING';
  if (account.hasPassword) return 'LINK';
  return account.ssoLinked ? 'SSO_HINT' : 'NOTHING';
}

export type ResetLinkState = 'valid' | 'expired' | 'used';

/** A link works once, until it expires; a newer link retires it by expiring it. */
export function resetLinkState(link: { expiresAt: Date; usedAt: Date | null }, now: Date): ResetLinkState {
  if (link.usedAt) return 'used';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export const minutesAfter = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

/**
 * Why an Administrator may not send a reset link to a user they see in Manage Users, or null.
 * The account belongs to its own organization: another organization's Administrator manages the
 * user's roles on its Licensing IDs, not the account (the profile page promises "an administrator
 * of your organization").
 */
export type AdminResetRefusal = 'ACCOUNT_OF_ANOTHER_ORGANIZATION' | 'USER_NOT_REGISTERED' | 'ACCOUNT_NOT_ACTIVE' | 'SSO_ACCOUNT';

export function adminResetRefusal(account: RecoveryAccount & { ownOrganization: boolean }): AdminResetRefusal | null {
  if (!account.ownOrganization) return 'ACCOUNT_OF_ANOTHER_ORGANIZATION';
  if (account.status === 'invited') return 'USER_NOT_REGISTERED';
  if (account.status !== 'active') return 'ACCOUNT_NOT_ACTIVE';
  return account.hasPassword ? null : 'SSO_ACCOUNT';
}

/** An Administrator corrects the name of an account of their own organization only. */
export const nameCorrectionRefusal = (account: { ownOrganization: boolean }): 'ACCOUNT_OF_ANOTHER_ORGANIZATION' | null =>
  account.ownOrganization ? null : 'ACCOUNT_OF_ANOTHER_ORGANIZATION';

/**
 * How long a "forgot password" answer takes at least. Issuing a link writes rows and a mail while
 * an unknown address does nothing; answering no sooner than this hides that difference in timing.
 */
export const RESET_REQUEST_MIN_MS = 250;

/** Milliseconds still to wait so that an answer started at `startedMs` is given no sooner than the floor. */
export const remainingDelay = (startedMs: number, nowMs: number, floorMs = RESET_REQUEST_MIN_MS) =>
  Math.max(0, startedMs + floorMs - nowMs);
