import { defineProblems } from '../../platform/i18n/problems.js';

/** R-LIC-4, R-DL-4, R-DL-7: the operator's catalog. */
export const CATALOG_PROBLEMS = defineProblems({
  PRODUCT_FAMILY_EXISTS: {
    en: 'A product family with this name already exists.',
    sv: 'Det finns redan en produktfamilj med det här namnet.',
  },
  PRODUCT_CODE_TAKEN: {
    en: 'Another product already has this product code.',
    sv: 'En annan produkt har redan den här produktkoden.',
  },
  UNKNOWN_PRODUCT_FAMILY: {
    en: 'There is no product family with this id.',
    sv: 'Det finns ingen produktfamilj med det här id:t.',
  },
  PRIOR_VERSION_INVALID: {
    en: 'The prior version must be an existing, earlier version in the same product family.',
    sv: 'Den tidigare versionen måste vara en befintlig, äldre version i samma produktfamilj.',
  },
  CAL_REQUIRES_NO_KEY: {
    en: 'A Client Access License has no product key; clear "requires key".',
    sv: 'En klientåtkomstlicens har ingen produktnyckel; avmarkera "kräver nyckel".',
  },
});
