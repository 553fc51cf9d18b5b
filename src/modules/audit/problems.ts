import { defineProblems } from '../../platform/i18n/problems.js';

/** The audit view's refusals of a filter. */
export const AUDIT_PROBLEMS = defineProblems({
  UNKNOWN_AUDIT_ACTION: {
    en: 'There is no such action in the audit trail.',
    sv: 'Det finns ingen sådan åtgärd i granskningsloggen.',
  },
  AUDIT_PERIOD_REVERSED: {
    en: 'The period ends before it starts: choose a "to" date on or after the "from" date.',
    sv: 'Perioden slutar innan den börjar: välj ett till-datum som är samma dag som eller efter från-datumet.',
  },
});
