import type { ROLE_GROUPS } from '../permissions/role-groups.js';

/** The SA Manager's duties (R-PERM-8), each naming the benefit group it manages. */
export type SaDuty = (typeof ROLE_GROUPS.SA_MANAGER)[number];

/** R-SA-1: what a benefit's quantity counts; Dynamics CustomerSource is not measured. */
export const BENEFIT_UNITS = ['SUPPORT_INCIDENTS', 'PARTICIPANTS', 'DOWNLOADS', 'LICENSES', 'DAYS', 'UNMEASURED'] as const;
export type BenefitUnit = (typeof BENEFIT_UNITS)[number];

/**
 * R-SA-1 and R-PERM-8: each benefit with its unit and the SA Manager duty (sub-role) that manages
 * it. The benefits with a duty are the ones managed online: they must be activated first
 * (R-SA-2) and are the ones the SA Summary lists (R-SA-3, "benefits that can be activated or
 * managed online"). The others (downloads, CustomerSource) are used without activation, so no
 * duty narrows them.
 */
export const BENEFITS = {
  SUPPORT_24X7: { unit: 'SUPPORT_INCIDENTS', subRole: 'PROBLEM_RESOLUTION_SUPPORT_24X7' },
  E_LEARNING: { unit: 'PARTICIPANTS', subRole: 'E_LEARNING' },
  HOME_USE_PROGRAM: { unit: 'LICENSES', subRole: 'HOME_USE_PROGRAM' },
  PLANNING_SERVICES: { unit: 'DAYS', subRole: 'PLANNING_SERVICES' },
  TRAINING_VOUCHERS: { unit: 'DAYS', subRole: 'TRAINING_VOUCHERS' },
  GLOBAL_SERVICE_MONITOR: { unit: 'DOWNLOADS', subRole: null },
  MULTI_LANGUAGE_PACK: { unit: 'DOWNLOADS', subRole: null },
  THIN_PC: { unit: 'DOWNLOADS', subRole: null },
  DYNAMICS_CUSTOMERSOURCE: { unit: 'UNMEASURED', subRole: null },
} as const satisfies Record<string, { unit: BenefitUnit; subRole: SaDuty | null }>;

export type BenefitCode = keyof typeof BENEFITS;
export const BENEFIT_CODES = Object.keys(BENEFITS) as [BenefitCode, ...BenefitCode[]];

export const unitOf = (b: BenefitCode): BenefitUnit => BENEFITS[b].unit;
export const isMeasured = (b: BenefitCode) => unitOf(b) !== 'UNMEASURED';
export const subRoleOf = (b: BenefitCode): SaDuty | null => BENEFITS[b].subRole;
/** Managed online: needs activation, has a duty, appears in the SA Summary. */
export const requiresActivation = (b: BenefitCode) => subRoleOf(b) !== null;

/** R-SA-2. */
export const BENEFIT_STATUSES = ['REQUIRES_ACTIVATION', 'ACTIVATED', 'HAR', 'EXPIRED'] as const;
export type BenefitStatus = (typeof BENEFIT_STATUSES)[number];

/** R-SA-6: the benefits whose users are named one by one and mailed instructions (the FAQ's Home Use Program). */
export const BENEFITS_WITH_USERS = ['HOME_USE_PROGRAM'] as const satisfies readonly BenefitCode[];
export type BenefitWithUsers = (typeof BENEFITS_WITH_USERS)[number];
