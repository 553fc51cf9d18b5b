/**
 * R-REL-6, change of channel partner: the pure rules. No I/O; the clock is passed in.
 *
 * A request names the new partner for some of a customer's Licensing IDs. Its status on each
 * Licensing ID is never stored: it is derived from the stored facts (when it was started, what the
 * new partner decided and when, whether the customer canceled it, when it takes effect, whether the
 * new partner has been recorded) and `now`, so a request that nobody touched still reads EXPIRED
 * on its eleventh day and GRACE_PERIOD turns into ACCEPTED the moment the grace period ends.
 */

export const PARTNER_CHANGE_STATUSES = [
  /** Started; the new partner has not answered and its answer period has not ended. The customer may cancel. */
  'IN_PROGRESS',
  /**
   * Accepted by the new partner and due: the grace period is over (or was zero days), so the new
   * partner takes over now; the old partner stays of record only until the sweep records the change
   * (at most one sweep interval). Never shown before the grace period ends.
   */
  'ACCEPTED',
  /** The new partner declined. Final. */
  'DECLINED',
  /** Accepted by the new partner; the grace period runs and the old partner remains partner of record until it ends. */
  'GRACE_PERIOD',
  /** Withdrawn by the customer while it was in progress. Final. */
  'CANCELED',
  /** The new partner did not answer within the answer period. Final. */
  'EXPIRED',
  /** The new partner is partner of record of the Licensing ID. Final. */
  'COMPLETED',
] as const;
export type PartnerChangeStatus = (typeof PARTNER_CHANGE_STATUSES)[number];

/** The statuses in which a Licensing ID is still in the change: no second change may start for it. */
export const OPEN_STATUSES = ['IN_PROGRESS', 'GRACE_PERIOD', 'ACCEPTED'] as const satisfies readonly PartnerChangeStatus[];

export const PARTNER_CHANGE_DECISIONS = ['ACCEPTED', 'DECLINED'] as const;
export type PartnerChangeDecision = (typeof PARTNER_CHANGE_DECISIONS)[number];

/** The Enterprise family: the only programs whose Licensing IDs may change partner through the portal. */
export const PARTNER_CHANGE_PROGRAMS = ['ENTERPRISE', 'ENTERPRISE_SUBSCRIPTION', 'ENTERPRISE_GOV_PARTNERS'] as const;

/** The stored facts a status is derived from. */
export interface ChangeFacts {
  respondBy: Date;
  decision: PartnerChangeDecision | null;
  effectiveAt: Date | null;
  canceledAt: Date | null;
  /** When the new partner was recorded on this Licensing ID (per Licensing ID). */
  completedAt: Date | null;
}

/** The status of a request on one Licensing ID at `now`. */
export function changeStatus(f: ChangeFacts, now: Date): PartnerChangeStatus {
  if (f.completedAt) return 'COMPLETED';
  if (f.canceledAt) return 'CANCELED';
  if (f.decision === 'DECLINED') return 'DECLINED';
  if (f.decision === 'ACCEPTED') return f.effectiveAt && now < f.effectiveAt ? 'GRACE_PERIOD' : 'ACCEPTED';
  return now < f.respondBy ? 'IN_PROGRESS' : 'EXPIRED';
}

export const isOpen = (s: PartnerChangeStatus) => (OPEN_STATUSES as readonly string[]).includes(s);

const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** What a Licensing ID chosen for a change looks like to the start rules. */
export interface ChosenLicensingId {
  number: string;
  programCode: string;
  status: string;
  /** 'YYYY-MM-DD' or null. */
  endDate: string | null;
  partnerOfRecord: string | null;
  /** Whether it is already in an open change (derived with changeStatus by the caller). */
  inOpenChange: boolean;
}

export type StartRefusal =
  | 'PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE'
  | 'PARTNER_CHANGE_LICENSING_ID_INACTIVE'
  | 'PARTNER_CHANGE_ALREADY_PARTNER_OF_RECORD'
  | 'PARTNER_CHANGE_ALREADY_OPEN';

/** 'YYYY-MM-DD' of `now` in UTC: a Licensing ID ending today is still active today. */
const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Why a change to `partnerId` may not start for these Licensing IDs, with the numbers concerned, or
 * null. Checked in this order so that the answer names the most basic problem first: not an
 * Enterprise-family program (Open, Select, Select Plus, …), not active, already served by that
 * partner, already in an open change.
 */
export function startRefusal(
  chosen: readonly ChosenLicensingId[],
  partnerId: string,
  now: Date,
): { code: StartRefusal; numbers: string[] } | null {
  const checks: [StartRefusal, (l: ChosenLicensingId) => boolean][] = [
    ['PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE', (l) => !(PARTNER_CHANGE_PROGRAMS as readonly string[]).includes(l.programCode)],
    ['PARTNER_CHANGE_LICENSING_ID_INACTIVE', (l) => l.status !== 'ACTIVE' || (l.endDate !== null && l.endDate < today(now))],
    ['PARTNER_CHANGE_ALREADY_PARTNER_OF_RECORD', (l) => l.partnerOfRecord === partnerId],
    ['PARTNER_CHANGE_ALREADY_OPEN', (l) => l.inOpenChange],
  ];
  for (const [code, fails] of checks) {
    const numbers = chosen.filter(fails).map((l) => l.number);
    if (numbers.length) return { code, numbers };
  }
  return null;
}

/** The short reference a request is quoted by in mails, the portal and the form. */
export const referenceOf = (id: string) => `PC-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
