import { describe, expect, it } from 'vitest';
import {
  changesOf,
  checkRule,
  draftOf,
  EMPTY_INPUT,
  productCodesOf,
  type Rule,
} from '../../web/src/components/backoffice/sa/rule-draft.js';

const elearning: Rule = { benefit: 'E_LEARNING', pools: ['APPLICATIONS'], productCodes: [], perLicense: 1 };
const vouchers: Rule = { benefit: 'TRAINING_VOUCHERS', pools: ['SERVERS'], productCodes: [], perLicense: 0.5 };

describe('The benefit rules screen’s draft (R-SA-1)', () => {
  it('R-SA-1: a form is checked as the API checks it: a benefit, something that qualifies, a quantity only when measured', () => {
    expect(checkRule(EMPTY_INPUT).problems).toEqual({
      benefit: 'benefitRequired',
      qualifies: 'qualifiesRequired',
      perLicense: 'perLicenseRequired',
    });
    for (const perLicense of ['0', '-1', 'abc', '1000001']) {
      expect(checkRule({ benefit: 'E_LEARNING', pools: ['SYSTEMS'], productCodes: '', perLicense }).problems).toEqual({
        perLicense: 'perLicenseInvalid',
      });
    }
    expect(checkRule({ benefit: 'E_LEARNING', pools: [], productCodes: 'x'.repeat(101), perLicense: '1' }).problems).toEqual({
      productCodes: 'productCodeTooLong',
    });
    // A decimal comma is a decimal point; product codes split on commas, spaces and lines, each once.
    expect(checkRule({ benefit: 'TRAINING_VOUCHERS', pools: [], productCodes: 'A1, B2\nA1', perLicense: '0,5' }).rule).toEqual({
      benefit: 'TRAINING_VOUCHERS',
      pools: [],
      productCodes: ['A1', 'B2'],
      perLicense: 0.5,
    });
    // Dynamics CustomerSource is not measured: no quantity is needed, and none is sent.
    expect(checkRule({ benefit: 'DYNAMICS_CUSTOMERSOURCE', pools: ['SERVERS'], productCodes: '', perLicense: '3' }).rule?.perLicense).toBe(
      null,
    );
    expect(productCodesOf(' ; ,\n')).toEqual([]);
  });

  it('R-SA-1: saving the draft is described change by change: added, changed, removed; an untouched draft changes nothing', () => {
    const saved = [elearning, vouchers];
    expect(changesOf(saved, draftOf(saved))).toEqual([]);
    const [first, second] = draftOf(saved);
    if (!first || !second) throw new Error('two rules');
    const added: Rule = { benefit: 'DYNAMICS_CUSTOMERSOURCE', pools: ['SERVERS'], productCodes: [], perLicense: null };
    const draft = [
      { ...second, rule: { ...vouchers, perLicense: 1 } },
      { key: 'new', savedIndex: null, rule: added },
    ];
    expect(changesOf(saved, draft)).toEqual([
      { kind: 'changed', before: vouchers, rule: { ...vouchers, perLicense: 1 } },
      { kind: 'added', rule: added },
      { kind: 'removed', rule: elearning },
    ]);
  });
});
