/**
 * R-SA-7: the life of a partner's request to manage a customer's benefits. Only the partner asks
 * (the FAQ: "the request must originate with them"); only the customer's Administrators decide.
 */
export const DELEGATION_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN', 'REMOVED'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

export const DELEGATION_STEPS = ['approve', 'deny', 'remove', 'withdraw'] as const;
export type DelegationStep = (typeof DELEGATION_STEPS)[number];

/** Which status each step leaves from and goes to: a pending request is decided or withdrawn; only an approved one is removed. */
const STEPS: Record<DelegationStep, { from: DelegationStatus; to: DelegationStatus }> = {
  approve: { from: 'PENDING', to: 'APPROVED' },
  deny: { from: 'PENDING', to: 'DENIED' },
  withdraw: { from: 'PENDING', to: 'WITHDRAWN' },
  remove: { from: 'APPROVED', to: 'REMOVED' },
};

/** The status after the step, or the code refusing it. */
export function stepDelegation(
  current: DelegationStatus,
  step: DelegationStep,
): { status: DelegationStatus } | { refusal: 'BENEFIT_DELEGATION_NOT_PENDING' | 'BENEFIT_DELEGATION_NOT_APPROVED' } {
  const s = STEPS[step];
  if (current === s.from) return { status: s.to };
  return { refusal: s.from === 'PENDING' ? 'BENEFIT_DELEGATION_NOT_PENDING' : 'BENEFIT_DELEGATION_NOT_APPROVED' };
}

/** A request or permission that still counts: a partner asks once per Licensing ID until it ends. */
export const isOpen = (s: DelegationStatus) => s === 'PENDING' || s === 'APPROVED';
