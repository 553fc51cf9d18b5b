import type { TFunction } from 'i18next';
import { BENEFIT_UNIT, type Rule } from './rule-draft';

/** What qualifies for a rule, in words: its pools, then its product codes. */
export function qualifiesText(t: TFunction, rule: Rule): string {
  const parts: string[] = [];
  if (rule.pools.length) {
    parts.push(t('saBackoffice.rules.poolList', { pools: rule.pools.map((p) => t(`licensing.pools.${p}`)).join(', ') }));
  }
  if (rule.productCodes.length) parts.push(t('saBackoffice.rules.productList', { codes: rule.productCodes.join(', ') }));
  return parts.join('; ');
}

/** How much each qualifying license gives ("0.5 days", "1 participant"), or that the benefit is not measured. */
export function perLicenseText(t: TFunction, rule: Rule): string {
  if (rule.perLicense === null) return t('softwareAssurance.units.UNMEASURED');
  // The units' plural messages format the number in the language (0,5 in Swedish).
  return t(`softwareAssurance.units.${BENEFIT_UNIT[rule.benefit]}`, { count: rule.perLicense });
}

/** A whole rule in one line, for the list of changes. */
export function ruleText(t: TFunction, rule: Rule): string {
  return t('saBackoffice.rules.summary', {
    benefit: t(`softwareAssurance.benefits.${rule.benefit}`),
    qualifies: qualifiesText(t, rule),
    perLicense: perLicenseText(t, rule),
  });
}
