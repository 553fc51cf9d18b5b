import { defineProblems } from '../../platform/i18n/problems.js';

/** R-REL-2, R-REL-4: which reports a Licensing ID offers. */
export const REPORTS_PROBLEMS = defineProblems({
  MBSA_REPORT_NOT_OFFERED: {
    en: 'The MBSA report is not offered for this Licensing ID: Open programs have no MBSA, and none is on record for it.',
    sv: 'MBSA-rapporten erbjuds inte för det här licens-ID:t: Open-program har inget MBSA, och inget finns registrerat för det.',
  },
  PARENT_REPORT_NOT_OFFERED: {
    en: 'The parent program report is not offered for this Licensing ID: it has no parent program agreement.',
    sv: 'Rapporten för överordnat program erbjuds inte för det här licens-ID:t: det har inget överordnat programavtal.',
  },
});
