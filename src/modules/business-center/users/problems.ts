import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-PERM-14: why a change to a purchasing account's users is refused. */
export const BC_USERS_PROBLEMS = defineProblems({
  ACCOUNT_LAST_ADMINISTRATOR: {
    en: 'This is the purchasing account’s last Account administrator. Make someone else Account administrator first.',
    sv: 'Det här är inköpskontots sista kontoadministratör. Gör någon annan till kontoadministratör först.',
  },
  ACCOUNT_ROLE_NOT_GRANTABLE: {
    en: 'You cannot give or take away a role you do not hold yourself; ask an Account administrator.',
    sv: 'Du kan inte ge eller ta bort en roll som du inte själv har; be en kontoadministratör.',
  },
  ACCOUNT_USER_OF_ANOTHER_ORGANIZATION: {
    en: 'This address belongs to another organization. Only users of the purchasing account’s own organization can be added.',
    sv: 'Den här adressen tillhör en annan organisation. Endast användare i inköpskontots egen organisation kan läggas till.',
  },
  ACCOUNT_USER_EXISTS: {
    en: 'This user already holds roles on the purchasing account; change their roles instead.',
    sv: 'Användaren har redan roller på inköpskontot; ändra rollerna i stället.',
  },
});
