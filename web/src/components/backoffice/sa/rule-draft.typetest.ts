/**
 * Proof that the rules draft's own lists (rule-draft.ts has no imports, so the server's tests can
 * run it) are the API's: a benefit, unit or pool added on one side only fails `tsc -p web` here.
 */
import type { BenefitRule } from '../../../api/sa-backoffice';
import type { Benefit, BenefitCode } from '../../../api/software-assurance';
import { BENEFIT_UNIT, type Rule } from './rule-draft';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const unitsAreTheApis: Record<BenefitCode, Benefit['unit']> = BENEFIT_UNIT;
export const benefitsAreTheApis: Same<keyof typeof BENEFIT_UNIT, BenefitCode> = true;
export const poolsAreTheApis: Same<Rule['pools'], NonNullable<BenefitRule['pools']>> = true;
