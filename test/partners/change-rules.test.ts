import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/modules/partners/change/pdf.js';
import {
  addDays,
  type ChangeFacts,
  type ChosenLicensingId,
  changeStatus,
  isOpen,
  PARTNER_CHANGE_STATUSES,
  startRefusal,
} from '../../src/modules/partners/change/rules.js';

const start = new Date('2026-12-05T09:00:00Z');
const facts = (over: Partial<ChangeFacts> = {}): ChangeFacts => ({
  respondBy: addDays(start, 10),
  decision: null,
  effectiveAt: null,
  canceledAt: null,
  completedAt: null,
  ...over,
});
const enrollment = (over: Partial<ChosenLicensingId> = {}): ChosenLicensingId => ({
  number: '67012345',
  programCode: 'ENTERPRISE',
  status: 'ACTIVE',
  endDate: '2027-06-30',
  partnerOfRecord: 'adatum',
  inOpenChange: false,
  ...over,
});

describe('change of channel partner rules (R-REL-6)', () => {
  it('R-REL-6: in progress for 10 days, then expired; accepted: grace period until it takes effect, then accepted (due) until recorded', () => {
    expect(changeStatus(facts(), addDays(start, 10 - 1 / 86_400))).toBe('IN_PROGRESS');
    expect(changeStatus(facts(), addDays(start, 10))).toBe('EXPIRED');
    const accepted = facts({ decision: 'ACCEPTED', effectiveAt: addDays(start, 93) });
    expect(changeStatus(accepted, addDays(start, 92))).toBe('GRACE_PERIOD');
    expect(changeStatus(accepted, addDays(start, 93))).toBe('ACCEPTED');
    expect(changeStatus({ ...accepted, completedAt: addDays(start, 93) }, addDays(start, 93))).toBe('COMPLETED');
    expect(changeStatus(facts({ decision: 'DECLINED' }), addDays(start, 1))).toBe('DECLINED');
    expect(changeStatus(facts({ canceledAt: addDays(start, 1) }), addDays(start, 30))).toBe('CANCELED');
  });

  it('R-REL-6: final statuses stay final whatever the time; the open ones are exactly in progress, grace period and accepted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, 'ACCEPTED' as const, 'DECLINED' as const),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (decision, canceled, completed, day1, day2) => {
          const f = facts({
            decision,
            effectiveAt: decision === 'ACCEPTED' ? addDays(start, 100) : null,
            canceledAt: canceled && decision === null ? addDays(start, 1) : null,
            completedAt: completed && decision === 'ACCEPTED' ? addDays(start, 100) : null,
          });
          const [a, b] = [Math.min(day1, day2), Math.max(day1, day2)];
          const earlier = changeStatus(f, addDays(start, a));
          const later = changeStatus(f, addDays(start, b));
          expect(PARTNER_CHANGE_STATUSES).toContain(later);
          if (!isOpen(earlier)) expect(later).toBe(earlier);
        },
      ),
    );
    expect(PARTNER_CHANGE_STATUSES.filter(isOpen)).toEqual(['IN_PROGRESS', 'ACCEPTED', 'GRACE_PERIOD']);
  });

  it('R-REL-6: refused for Open, Select and Select Plus, expired or inactive Licensing IDs, the partner already of record, and an open change', () => {
    const now = start;
    expect(startRefusal([enrollment()], 'proseware', now)).toBeNull();
    for (const programCode of ['ENTERPRISE_SUBSCRIPTION', 'ENTERPRISE_GOV_PARTNERS'])
      expect(startRefusal([enrollment({ programCode })], 'proseware', now)).toBeNull();
    for (const programCode of ['SELECT', 'SELECT_PLUS', 'OPEN_LICENSE', 'OPEN_VALUE', 'OPEN_VALUE_SUBSCRIPTION', 'CAMPUS'])
      expect(startRefusal([enrollment({ programCode, number: 'X' })], 'proseware', now)).toEqual({
        code: 'PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE',
        numbers: ['X'],
      });
    expect(startRefusal([enrollment({ status: 'EXPIRED' })], 'proseware', now)?.code).toBe('PARTNER_CHANGE_LICENSING_ID_INACTIVE');
    expect(startRefusal([enrollment({ endDate: '2026-12-04' })], 'proseware', now)?.code).toBe('PARTNER_CHANGE_LICENSING_ID_INACTIVE');
    expect(startRefusal([enrollment({ endDate: '2026-12-05' })], 'proseware', now)).toBeNull();
    expect(startRefusal([enrollment()], 'adatum', now)?.code).toBe('PARTNER_CHANGE_ALREADY_PARTNER_OF_RECORD');
    expect(startRefusal([enrollment({ inOpenChange: true })], 'proseware', now)?.code).toBe('PARTNER_CHANGE_ALREADY_OPEN');
    // The most basic problem is named first, with every Licensing ID that has it.
    expect(
      startRefusal([enrollment({ inOpenChange: true }), enrollment({ number: 'A', programCode: 'SELECT' })], 'proseware', now),
    ).toEqual({
      code: 'PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE',
      numbers: ['A'],
    });
  });

  it('writes a well-formed PDF: every cross-reference points at its object, text escaped, pages added as needed', () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ text: `Rad ${i}: Åsa (Öst) \\ “citat” — ${'x'.repeat(i)}` }));
    const pdf = renderPdf({ title: 'Test', lines, createdAt: start, footer: (p, n) => `${p}/${n}` }).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => {
      expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const begin = (m.index ?? 0) + m[0].length;
      expect(pdf.slice(begin + Number(m[1]), begin + Number(m[1]) + 10)).toBe('\nendstream');
    }
    expect(Number(/\/Count (\d+)/.exec(pdf)?.[1])).toBeGreaterThan(1);
    expect(pdf).toContain('(Rad 0: \\305sa \\(\\326st\\) \\\\ \\223citat\\224 \\227 )');
    expect([...pdf].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });
});
