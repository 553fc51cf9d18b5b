import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-BC-5, R-BC-6: setting up online services from the business center. */
export const SELF_PROVISIONING_PROBLEMS = defineProblems({
  SELF_PROVISIONING_QUANTITY_INVALID: {
    en: 'Enter a quantity of at least 1 seat; nothing was requested.',
    sv: 'Ange ett antal på minst 1 plats; inget begärdes.',
  },
  SELF_PROVISIONING_COMMITMENT_REQUIRED: {
    en: 'Confirm that you will order the service promptly through your partner; nothing was requested.',
    sv: 'Bekräfta att du snarast beställer tjänsten via din partner; inget begärdes.',
  },
  SELF_PROVISIONING_PLAN_UNKNOWN: {
    en: 'This online service plan cannot be set up here.',
    sv: 'Den här onlinetjänstplanen kan inte konfigureras här.',
  },
  SELF_PROVISIONING_AGREEMENT_UNKNOWN: {
    en: 'This agreement is not one of the purchasing account’s.',
    sv: 'Det här avtalet hör inte till inköpskontot.',
  },
  SELF_PROVISIONING_NO_PARTNER: {
    en: 'No partner serves this purchasing account, so nobody could place the order. Contact support.',
    sv: 'Ingen partner betjänar det här inköpskontot, så ingen kan lägga ordern. Kontakta supporten.',
  },
  SELF_PROVISIONING_NOT_CANCELLABLE: {
    en: 'Only a request that has not been ordered yet can be cancelled.',
    sv: 'Endast en begäran som ännu inte har beställts kan avbrytas.',
  },
});
