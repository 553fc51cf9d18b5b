import { randomInt } from 'node:crypto';
import type { Benefit } from './rules.js';

/**
 * R-SA-5: why days of a benefit cannot be used now, or null. Only an Activated benefit may be
 * used (R-SA-2), and never for more than remains of it.
 */
export type UseRefusal =
  | 'SA_BENEFIT_NOT_OFFERED'
  | 'SA_BENEFIT_NOT_ACTIVATED'
  | 'SA_BENEFIT_ON_HOLD'
  | 'SA_BENEFIT_EXPIRED'
  | 'SA_NOT_ENOUGH_REMAINING';

export function useRefusal(b: Benefit | undefined, quantity: number): UseRefusal | null {
  if (!b) return 'SA_BENEFIT_NOT_OFFERED';
  switch (b.status) {
    case 'REQUIRES_ACTIVATION':
      return 'SA_BENEFIT_NOT_ACTIVATED';
    case 'HAR':
      return 'SA_BENEFIT_ON_HOLD';
    case 'EXPIRED':
      return 'SA_BENEFIT_EXPIRED';
    case 'ACTIVATED':
      return (b.quantityRemaining ?? 0) < quantity ? 'SA_NOT_ENOUGH_REMAINING' : null;
  }
}

export const VOUCHER_STATUSES = ['ASSIGNED', 'REDEEMED', 'CANCELLED'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

/** Why a voucher cannot be cancelled, or null: one redeemed was spent at the provider, one cancelled already returned its days. */
export function cancelRefusal(status: VoucherStatus): 'SA_VOUCHER_REDEEMED' | 'SA_VOUCHER_CANCELLED' | null {
  return status === 'REDEEMED' ? 'SA_VOUCHER_REDEEMED' : status === 'CANCELLED' ? 'SA_VOUCHER_CANCELLED' : null;
}

export type RedeemRefusal = 'SA_VOUCHER_REDEEMED' | 'SA_VOUCHER_CANCELLED' | 'SA_BENEFIT_EXPIRED' | 'SA_BENEFIT_ON_HOLD';

/**
 * R-SA-5: why a training provider cannot redeem a voucher now, or null. A voucher is spent once,
 * whole; a cancelled one gave its days back. Its benefit must still be live: an expired benefit
 * takes no further action and one the publisher holds (HAR) cannot be used (R-SA-2).
 */
export function redeemRefusal(status: VoucherStatus, benefitStatus: Benefit['status'] | undefined): RedeemRefusal | null {
  const own = cancelRefusal(status);
  if (own) return own;
  if (benefitStatus === undefined || benefitStatus === 'EXPIRED') return 'SA_BENEFIT_EXPIRED';
  if (benefitStatus === 'HAR') return 'SA_BENEFIT_ON_HOLD';
  return null;
}

/** Letters and digits no one misreads over the phone (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `prefix`- and 12 random readable characters in groups of four (about 59 bits, not guessable). */
export function readableCode(prefix: string): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A voucher number the employee quotes to a training provider. */
export const newVoucherNumber = () => readableCode('TV');
