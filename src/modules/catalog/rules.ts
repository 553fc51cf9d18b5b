/** R-LIC-4: the three pools products are grouped into (keys, KMS hosts and the License Summary count by pool). */
export const LICENSE_POOLS = ['APPLICATIONS', 'SYSTEMS', 'SERVERS'] as const;
export type LicensePool = (typeof LICENSE_POOLS)[number];

/**
 * Orders versions of one family: "2019" < "2021", "10" < "11", "2012 R2" < "2016". Numeric runs
 * compare as numbers, so versions need no separate rank.
 */
export function compareVersions(a: string, b: string): number {
  return versionCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

// One collator for every comparison: String.localeCompare with options builds a new one per call.
const versionCollator = new Intl.Collator('en', { numeric: true });

export interface ProductDraft {
  familyId: string;
  version: string;
  isCal: boolean;
  requiresKey: boolean;
}

export interface PriorVersion {
  familyId: string;
  version: string;
}

export type ProductProblem = 'CAL_REQUIRES_NO_KEY' | 'PRIOR_VERSION_INVALID';

/**
 * R-DL-4: a CAL has no key. R-DL-7: a product's prior version is an earlier version in the same
 * family, so the downgrade chain and the License Summary's version order never disagree.
 */
export function productProblems(draft: ProductDraft, prior: PriorVersion | null): ProductProblem[] {
  const problems: ProductProblem[] = [];
  if (draft.isCal && draft.requiresKey) problems.push('CAL_REQUIRES_NO_KEY');
  if (prior && (prior.familyId !== draft.familyId || compareVersions(prior.version, draft.version) >= 0)) {
    problems.push('PRIOR_VERSION_INVALID');
  }
  return problems;
}
