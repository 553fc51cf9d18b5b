import { defineProblems } from '../../../platform/i18n/problems.js';

/** The publisher's back office for purchasing accounts (R-BC-1): why a change is refused. */
export const BC_BACK_OFFICE_PROBLEMS = defineProblems({
  PURCHASING_ACCOUNT_NUMBER_TAKEN: {
    en: 'Another purchasing account already has this number.',
    sv: 'Ett annat inköpskonto har redan det här numret.',
  },
  PURCHASING_ACCOUNT_ORGANIZATION_UNKNOWN: {
    en: 'No customer organization has this id.',
    sv: 'Ingen kundorganisation har det här id:t.',
  },
  PURCHASING_ACCOUNT_PARTNER_UNKNOWN: {
    en: 'No channel partner has this id.',
    sv: 'Ingen kanalpartner har det här id:t.',
  },
  PURCHASING_ACCOUNT_ADMINISTRATOR_UNKNOWN: {
    en: 'The first Account administrator must be an existing user of the account’s organization.',
    sv: 'Den första kontoadministratören måste vara en befintlig användare i kontots organisation.',
  },
  LICENSING_ID_IN_OTHER_ACCOUNT: {
    en: 'This Licensing ID already belongs to another purchasing account; unlink it there first.',
    sv: 'Det här licens-ID:t hör redan till ett annat inköpskonto; koppla bort det där först.',
  },
  LICENSING_ID_OF_ANOTHER_ORGANIZATION: {
    en: 'Only Licensing IDs of the purchasing account’s own organization can be linked.',
    sv: 'Endast licens-ID:n i inköpskontots egen organisation kan kopplas.',
  },
});
