import { defineProblems } from '../../platform/i18n/problems.js';

/** R-REL-2, R-REL-4: which reports a Licensing ID offers; R-REP-1…4: standard and custom reports. */
export const REPORTS_PROBLEMS = defineProblems({
  REPORT_UNKNOWN: {
    en: 'There is no such report, or your roles do not cover it.',
    sv: 'Rapporten finns inte, eller så omfattas den inte av dina roller.',
  },
  REPORT_UNKNOWN_COLUMN: {
    en: 'The report has no such column.',
    sv: 'Rapporten har ingen sådan kolumn.',
  },
  REPORT_UNKNOWN_FILTER: {
    en: 'The report has no such filter.',
    sv: 'Rapporten har inget sådant filter.',
  },
  REPORT_FILTER_INVALID: {
    en: 'A filter value is not one the filter takes: choose one of its values, or a date range from..to in YYYY-MM-DD.',
    sv: 'Ett filtervärde är inte ett som filtret tar: välj ett av dess värden, eller ett datumintervall från..till som ÅÅÅÅ-MM-DD.',
  },
  REPORT_REQUIRED_COLUMN: {
    en: 'A required column of the report cannot be removed.',
    sv: 'En obligatorisk kolumn i rapporten kan inte tas bort.',
  },
  CUSTOM_REPORT_NAME_TAKEN: {
    en: 'You already have a custom report with this name.',
    sv: 'Du har redan en anpassad rapport med det här namnet.',
  },
  MBSA_REPORT_NOT_OFFERED: {
    en: 'The MBSA report is not offered for this Licensing ID: Open programs have no MBSA, and none is on record for it.',
    sv: 'MBSA-rapporten erbjuds inte för det här licens-ID:t: Open-program har inget MBSA, och inget finns registrerat för det.',
  },
  PARENT_REPORT_NOT_OFFERED: {
    en: 'The parent program report is not offered for this Licensing ID: it has no parent program agreement.',
    sv: 'Rapporten för överordnat program erbjuds inte för det här licens-ID:t: det har inget överordnat programavtal.',
  },
});
