/**
 * The publisher edits the benefit rules as a set (R-SA-1): the API replaces them all at once, so
 * the screen keeps a draft, says what the draft changes, and sends it after that is confirmed.
 * Pure and without imports, so the server's test run can check it too; RuleForm checks at compile
 * time that its benefits and units are the API's.
 */

/** What each benefit counts (the server's BENEFITS): a measured one needs a quantity per license, an unmeasured one none. */
export const BENEFIT_UNIT = {
  SUPPORT_24X7: 'SUPPORT_INCIDENTS',
  E_LEARNING: 'PARTICIPANTS',
  HOME_USE_PROGRAM: 'LICENSES',
  PLANNING_SERVICES: 'DAYS',
  TRAINING_VOUCHERS: 'DAYS',
  GLOBAL_SERVICE_MONITOR: 'DOWNLOADS',
  MULTI_LANGUAGE_PACK: 'DOWNLOADS',
  THIN_PC: 'DOWNLOADS',
  DYNAMICS_CUSTOMERSOURCE: 'UNMEASURED',
} as const;

export type BenefitCode = keyof typeof BENEFIT_UNIT;
export type Pool = 'APPLICATIONS' | 'SYSTEMS' | 'SERVERS';

export const isMeasured = (b: BenefitCode) => BENEFIT_UNIT[b] !== 'UNMEASURED';

/** A rule as the screen holds it: every field present. */
export interface Rule {
  benefit: BenefitCode;
  pools: Pool[];
  productCodes: string[];
  perLicense: number | null;
}

/** A rule of the draft: `savedIndex` is the saved rule it started from, null for a new one. */
export interface DraftRule {
  key: string;
  savedIndex: number | null;
  rule: Rule;
}

/** A rule as the API answers it (pools and product codes may be left out). */
export const ruleOf = (r: { benefit: BenefitCode; pools?: Pool[]; productCodes?: string[]; perLicense: number | null }): Rule => ({
  benefit: r.benefit,
  pools: [...(r.pools ?? [])],
  productCodes: [...(r.productCodes ?? [])],
  perLicense: r.perLicense,
});

export const draftOf = (saved: readonly Rule[]): DraftRule[] => saved.map((rule, i) => ({ key: `saved-${i}`, savedIndex: i, rule }));

const sameRule = (a: Rule, b: Rule) =>
  a.benefit === b.benefit &&
  a.perLicense === b.perLicense &&
  a.pools.join(',') === b.pools.join(',') &&
  a.productCodes.join('\n') === b.productCodes.join('\n');

export type RuleChange = { kind: 'added'; rule: Rule } | { kind: 'changed'; before: Rule; rule: Rule } | { kind: 'removed'; rule: Rule };

/** What saving the draft would do to the saved rules, in the draft's order, removals last. */
export function changesOf(saved: readonly Rule[], draft: readonly DraftRule[]): RuleChange[] {
  const out: RuleChange[] = [];
  const kept = new Set<number>();
  for (const d of draft) {
    if (d.savedIndex === null) {
      out.push({ kind: 'added', rule: d.rule });
      continue;
    }
    kept.add(d.savedIndex);
    const before = saved[d.savedIndex];
    if (before && !sameRule(before, d.rule)) out.push({ kind: 'changed', before, rule: d.rule });
  }
  saved.forEach((rule, i) => {
    if (!kept.has(i)) out.push({ kind: 'removed', rule });
  });
  return out;
}

/** The form's fields as typed. */
export interface RuleInput {
  benefit: BenefitCode | '';
  pools: Pool[];
  productCodes: string;
  perLicense: string;
}

export type RuleInputProblems = Partial<Record<'benefit' | 'qualifies' | 'productCodes' | 'perLicense', string>>;

/** Product codes as typed: separated by commas, spaces or lines; each once. */
export const productCodesOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/**
 * The same checks as the API (BenefitRuleSchema and ruleProblem): each problem as a message key
 * under saBackoffice.rules.form, or the rule when there is none. Unknown product codes only the
 * server can tell (SA_RULE_PRODUCT_UNKNOWN).
 */
export function checkRule(input: RuleInput): { rule: Rule; problems?: undefined } | { rule?: undefined; problems: RuleInputProblems } {
  const problems: RuleInputProblems = {};
  const codes = productCodesOf(input.productCodes);
  if (!input.benefit) problems.benefit = 'benefitRequired';
  if (input.pools.length === 0 && codes.length === 0) problems.qualifies = 'qualifiesRequired';
  if (codes.some((c) => c.length > 100)) problems.productCodes = 'productCodeTooLong';
  else if (codes.length > 500) problems.productCodes = 'tooManyProducts';
  const measured = input.benefit ? isMeasured(input.benefit) : true;
  const typed = input.perLicense.trim().replace(',', '.');
  const perLicense = typed === '' ? null : Number(typed);
  if (measured) {
    if (perLicense === null) problems.perLicense = 'perLicenseRequired';
    else if (!Number.isFinite(perLicense) || perLicense <= 0 || perLicense > 1_000_000) problems.perLicense = 'perLicenseInvalid';
  }
  if (!input.benefit || Object.keys(problems).length > 0) return { problems };
  return { rule: { benefit: input.benefit, pools: input.pools, productCodes: codes, perLicense: measured ? perLicense : null } };
}

export const inputOf = (r: Rule): RuleInput => ({
  benefit: r.benefit,
  pools: [...r.pools],
  productCodes: r.productCodes.join(', '),
  perLicense: r.perLicense === null ? '' : String(r.perLicense),
});

export const EMPTY_INPUT: RuleInput = { benefit: '', pools: [], productCodes: '', perLicense: '' };
