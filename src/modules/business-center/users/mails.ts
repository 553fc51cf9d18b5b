import type { AccountRole } from '../../../platform/authz/account-actions.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { defineMails } from '../../../platform/mail/templates.js';

/** R-PERM-14: every change to a user's business-center roles is mailed to that user, in their language. */
export const businessCenterUserMails = defineMails({
  accountRolesChanged: {
    subject: {
      en: 'Your roles on purchasing account {number} changed',
      sv: 'Dina roller på inköpskonto {number} har ändrats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} changed your roles on the purchasing account {account} ({number}).\n\nBefore: {before}\nNow: {after}\n\nThe change applies at once.\n\n[Business Center]({url})',
      sv: 'Hej {firstName},\n\n{actorName} har ändrat dina roller på inköpskontot {account} ({number}).\n\nFöre: {before}\nNu: {after}\n\nÄndringen gäller direkt.\n\n[Business Center]({url})',
    },
  },
  accountRolesRevoked: {
    subject: {
      en: 'Your access to purchasing account {number} was removed',
      sv: 'Din åtkomst till inköpskonto {number} har tagits bort',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} removed all your roles on the purchasing account {account} ({number}): {before}.\n\nYou no longer see the account in the Business Center. If you need access, ask an Account administrator of the account.',
      sv: 'Hej {firstName},\n\n{actorName} har tagit bort alla dina roller på inköpskontot {account} ({number}): {before}.\n\nDu ser inte längre kontot i Business Center. Om du behöver åtkomst, be en kontoadministratör för kontot.',
    },
  },
  /** The invitation of a new user, carrying its registration link: the roles start once they register. */
  accountInvitation: {
    subject: {
      en: 'You are invited to purchasing account {number} in the Licensing Service Center',
      sv: 'Du är inbjuden till inköpskonto {number} i Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\n{inviterName} of {organization} has given you these roles on the purchasing account {account} ({number}): {roles}. Register with this work address ({email}) to start; the roles apply once you have registered.\n\nThe link is valid until {expiresAt}. If it has expired, ask {inviterName} to send a new one.\n\n[Register]({url})',
      sv: 'Hej {firstName},\n\n{inviterName} på {organization} har gett dig de här rollerna på inköpskontot {account} ({number}): {roles}. Registrera dig med den här arbetsadressen ({email}) för att börja; rollerna gäller när du har registrerat dig.\n\nLänken gäller till {expiresAt}. Om den har gått ut, be {inviterName} skicka en ny.\n\n[Registrera dig]({url})',
    },
  },
});

const ROLE_NAMES: Record<Locale, Record<AccountRole, string>> = {
  en: {
    ACCOUNT_VIEWER: 'Account viewer',
    REPORT_VIEWER: 'Report viewer',
    ACCOUNT_MANAGER: 'Account manager',
    USER_ADMINISTRATOR: 'User administrator',
    AGREEMENT_ADMINISTRATOR: 'Agreement administrator',
    ACCOUNT_ADMINISTRATOR: 'Account administrator',
  },
  sv: {
    ACCOUNT_VIEWER: 'Kontovisare',
    REPORT_VIEWER: 'Rapportvisare',
    ACCOUNT_MANAGER: 'Kontoansvarig',
    USER_ADMINISTRATOR: 'Användaradministratör',
    AGREEMENT_ADMINISTRATOR: 'Avtalsadministratör',
    ACCOUNT_ADMINISTRATOR: 'Kontoadministratör',
  },
};

const NONE: Record<Locale, string> = { en: 'none', sv: 'inga' };

/** The roles as the mail's reader names them. */
export const roleNames = (locale: Locale, roles: readonly AccountRole[]) =>
  roles.length === 0 ? NONE[locale] : roles.map((r) => ROLE_NAMES[locale][r]).join(', ');
