import { describe, expect, it } from 'vitest';
import {
  addressEligible,
  domainRefusal,
  mayListParticipants,
  newAccessCode,
  normalizeAccessCode,
  normalizeDomain,
} from '../../src/modules/software-assurance/elearning-rules.js';

const PERSONAL = ['gmail.com', 'outlook.com'];

describe('e-Learning rules (R-SA-4)', () => {
  it('R-SA-4: a domain is a valid host name, not a personal-mail one', () => {
    expect(domainRefusal(normalizeDomain(' @Contoso.COM '), PERSONAL)).toBeNull();
    expect(domainRefusal('mail.contoso.co.uk', PERSONAL)).toBeNull();
    for (const bad of ['contoso', 'contoso.', '-contoso.com', 'con toso.com', 'contoso.c', 'a@b.com', '']) {
      expect(domainRefusal(bad, PERSONAL), bad).toBe('ELEARNING_DOMAIN_INVALID');
    }
    expect(domainRefusal('gmail.com', PERSONAL)).toBe('ELEARNING_DOMAIN_PERSONAL');
  });

  it('R-SA-4: only addresses exactly on an eligible domain qualify', () => {
    expect(addressEligible('Ada@Contoso.com', ['contoso.com'])).toBe(true);
    expect(addressEligible('ada@mail.contoso.com', ['contoso.com'])).toBe(false);
    expect(addressEligible('ada@contoso.com.evil.example', ['contoso.com'])).toBe(false);
    expect(addressEligible('ada@contoso.com', [])).toBe(false);
  });

  it('R-SA-4: access codes are readable, random, and typed forgivingly', () => {
    const a = newAccessCode();
    expect(a).toMatch(/^EL-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(newAccessCode()).not.toBe(a);
    expect(normalizeAccessCode(` ${a.toLowerCase()} `)).toBe(a);
  });

  it('R-SA-4, R-PERM-8: the participants are listed to those who manage e-Learning and to other SA readers, not to an SA Manager narrowed away from it', () => {
    const nobody = { administrator: false, saManagerDuties: [] };
    expect(mayListParticipants({ administrator: true, saManagerDuties: [] }, false)).toBe(true);
    expect(mayListParticipants({ administrator: false, saManagerDuties: [null] }, false)).toBe(true);
    expect(mayListParticipants({ administrator: false, saManagerDuties: [['E_LEARNING']] }, false)).toBe(true);
    expect(mayListParticipants({ administrator: false, saManagerDuties: [['TRAINING_VOUCHERS']] }, false)).toBe(false);
    // A Licensing Info Viewer reads SA without managing it.
    expect(mayListParticipants(nobody, true)).toBe(true);
    expect(mayListParticipants({ administrator: false, saManagerDuties: [['TRAINING_VOUCHERS']] }, true)).toBe(true);
  });
});
