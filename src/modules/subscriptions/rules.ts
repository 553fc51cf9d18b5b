import type { Clock } from '../../platform/clock.js';
import type { LicenseType } from '../orders/rules.js';

/**
 * The order-line types a Subscriptions Manager assigns to named people. Only SUBSCRIPTION: the
 * role manages per-person subscriptions such as Visual Studio Subscriptions (seed 000, the
 * Subscriptions Manager row), which the publisher sells as subscription lines. ONLINE_SERVICE
 * lines are not assigned here: an online service is activated by the Online Services Manager and
 * its licenses are assigned to users by the service account's Global Administrator in the
 * service's own portal (R-OS-1, seed 000 "the Global Administrator must assign new subscription
 * licenses"), so counting them here would let two places hand out the same seats.
 */
export const SUBSCRIPTION_LICENSE_TYPES = ['SUBSCRIPTION'] as const satisfies readonly LicenseType[];

/** Why an assignment ended: given to someone else, or removed (its unit returned). */
export const ASSIGNMENT_END_REASONS = ['REASSIGNED', 'REMOVED'] as const;
export type AssignmentEndReason = (typeof ASSIGNMENT_END_REASONS)[number];

/** The day (UTC) whose active subscription lines count as purchased. */
export const todayOf = (clock: Clock): string => clock.now().toISOString().slice(0, 10);

/** A subscription order line as the orders module reports it. */
export interface SubscriptionLine {
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  countsFrom: string;
}

/**
 * What is purchased on `today`: the lines whose coverage has started, that count already and whose
 * coverage has not ended. A subscription is bought for a term; one past its end is no longer held,
 * so it cannot be assigned anew (those assigned stay listed until removed).
 */
export function purchasedOn(lines: readonly SubscriptionLine[], today: string): number {
  return lines
    .filter((l) => l.coverageStart <= today && l.countsFrom <= today && (l.coverageEnd === null || l.coverageEnd >= today))
    .reduce((n, l) => n + l.quantity, 0);
}

/** Never below zero: when a term ends, more may be assigned than is still purchased. */
export const remaining = (purchased: number, assigned: number): number => Math.max(0, purchased - assigned);

export type AssignRefusal = 'SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED' | 'SUBSCRIPTION_NOT_PURCHASED' | 'SUBSCRIPTIONS_NONE_REMAINING';

/**
 * Why a new assignment cannot be made, or null. Seed 000 (Subscriptions Manager): "When you assign
 * subscriptions your obligation to purchase takes effect immediately at the time of assignment,
 * regardless of whether that user later activates and/or uses that subscription" — so the manager
 * must acknowledge that before anything is assigned. The count itself is checked again by the
 * atomic UPDATE; this answers the common case with the right code before any write.
 */
export function assignRefusal(p: { acknowledged: boolean; purchased: number; assigned: number }): AssignRefusal | null {
  if (!p.acknowledged) return 'SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED';
  if (p.purchased <= 0) return 'SUBSCRIPTION_NOT_PURCHASED';
  if (remaining(p.purchased, p.assigned) < 1) return 'SUBSCRIPTIONS_NONE_REMAINING';
  return null;
}

/** A reassignment goes to someone else; to the same address it would change nothing but send mails. */
export function reassignRefusal(fromEmail: string, toEmail: string): 'SUBSCRIPTION_ALREADY_ASSIGNED' | null {
  return fromEmail === toEmail ? 'SUBSCRIPTION_ALREADY_ASSIGNED' : null;
}
