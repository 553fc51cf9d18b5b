import type { Locale } from '../../../platform/i18n/locale.js';
import { defineMails } from '../../../platform/mail/templates.js';
import type { ContactOfRecordType } from '../rules.js';

/** The names of the contacts of record in every language, for the mails (the portal has its own in i18n). */
export const CONTACT_TYPE_LABELS: Record<ContactOfRecordType, Record<Locale, string>> = {
  PRIMARY_CONTACT: { en: 'Primary Contact', sv: 'Primär kontakt' },
  NOTICES_CORRESPONDENT: { en: 'Notices Correspondent', sv: 'Mottagare av meddelanden' },
  ONLINE_ADMINISTRATOR: { en: 'Online Administrator', sv: 'Onlineadministratör' },
  SA_MANAGER: { en: 'Software Assurance Manager', sv: 'Software Assurance-ansvarig' },
  ONLINE_SERVICES_MANAGER: { en: 'Online Services Manager', sv: 'Ansvarig för onlinetjänster' },
  SUBSCRIPTIONS_MANAGER: { en: 'Subscriptions Manager', sv: 'Prenumerationsansvarig' },
};

export const contactTypesIn = (types: readonly ContactOfRecordType[], locale: Locale) =>
  types.map((t) => CONTACT_TYPE_LABELS[t][locale]).join(', ');

/**
 * R-REL-6: the contacts of record learn what was recorded (by the publisher or the customer's channel
 * partner, so the text names neither); the old contact learns it ended.
 */
export const onboardingMails = defineMails({
  contactWelcome: {
    secret: ['url'],
    subject: {
      en: 'You are a contact of agreement {agreementNumber} in the Licensing Service Center',
      sv: 'Du är kontakt för avtal {agreementNumber} i Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\nYou have been named {contactTypes} of agreement {agreementNumber} of {organization}. That gives you roles on these Licensing IDs:\n\n{licensingIds}\n\nRegister with this work address ({email}) to start. The link is valid until {expiresAt}.\n\n[Register]({url})',
      sv: 'Hej {firstName},\n\nDu har angetts som {contactTypes} för avtal {agreementNumber} hos {organization}. Det ger dig roller på de här licens-ID:na:\n\n{licensingIds}\n\nRegistrera dig med den här arbetsadressen ({email}) för att börja. Länken gäller till {expiresAt}.\n\n[Registrera dig]({url})',
    },
  },
  contactNotice: {
    subject: {
      en: 'You are a contact of agreement {agreementNumber}',
      sv: 'Du är kontakt för avtal {agreementNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nYou have been named {contactTypes} of agreement {agreementNumber} of {organization}. That gives you roles on these Licensing IDs:\n\n{licensingIds}\n\nContacts change only through the publisher or your channel partner.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\nDu har angetts som {contactTypes} för avtal {agreementNumber} hos {organization}. Det ger dig roller på de här licens-ID:na:\n\n{licensingIds}\n\nKontakter ändras bara av utgivaren eller er kanalpartner.\n\n[Mina behörigheter]({url})',
    },
  },
  contactEnded: {
    subject: {
      en: 'You are no longer {contactTypes} of agreement {agreementNumber}',
      sv: 'Du är inte längre {contactTypes} för avtal {agreementNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\n{newContact} has been named {contactTypes} of agreement {agreementNumber} of {organization} in your place. The role that came with it ends on these Licensing IDs:\n\n{licensingIds}\n\nRoles an Administrator gave you are not affected. If you think this is a mistake, contact your channel partner.',
      sv: 'Hej {firstName},\n\n{newContact} har angetts som {contactTypes} för avtal {agreementNumber} hos {organization} i ditt ställe. Rollen som följde med upphör på de här licens-ID:na:\n\n{licensingIds}\n\nRoller som en administratör har gett dig påverkas inte. Om du tror att det är fel, kontakta er kanalpartner.',
    },
  },
  enrollmentRenewed: {
    subject: {
      en: 'Licensing ID {licensingNumber} was renewed until {endDate}',
      sv: 'Licens-ID {licensingNumber} har förnyats till {endDate}',
    },
    body: {
      en: 'Hello {firstName},\n\n{licensingName} ({licensingNumber}) was renewed under the same MBSA: its term now ends on {endDate}.\n\n[Relationship Summary]({url})',
      sv: 'Hej {firstName},\n\n{licensingName} ({licensingNumber}) har förnyats under samma MBSA: perioden slutar nu {endDate}.\n\n[Relationsöversikt]({url})',
    },
  },
  ownershipEnded: {
    subject: {
      en: 'Open License {licensingNumber} now belongs to another organization',
      sv: 'Open License {licensingNumber} tillhör nu en annan organisation',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher recorded a change of ownership: {licensingName} ({licensingNumber}) now belongs to {newOwner}. Your roles on it have ended.',
      sv: 'Hej {firstName},\n\nUtgivaren har registrerat ett ägarbyte: {licensingName} ({licensingNumber}) tillhör nu {newOwner}. Dina roller på den har upphört.',
    },
  },
});
