import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-SA-5: training providers and the vouchers they redeem. */
export const TRAINING_PROVIDER_PROBLEMS = defineProblems({
  TRAINING_PROVIDER_NUMBER_TAKEN: {
    en: 'Another training provider already has this provider number.',
    sv: 'En annan utbildningsleverantör har redan det här leverantörsnumret.',
  },
  TRAINING_PROVIDER_NO_CREDENTIAL: {
    en: 'This training provider has no credential to revoke.',
    sv: 'Den här utbildningsleverantören har inga API-uppgifter att återkalla.',
  },
  SA_VOUCHER_UNKNOWN: {
    en: 'No training voucher has this number. Check it with the employee.',
    sv: 'Ingen utbildningsvoucher har det här numret. Kontrollera det med den anställda.',
  },
});
