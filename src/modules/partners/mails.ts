import { defineMails } from '../../platform/mail/templates.js';

/** R-REL-6: a partner's users are invited by the publisher; partner and customer learn who is partner of record. */
export const partnerMails = defineMails({
  partnerWelcome: {
    secret: ['url'],
    subject: {
      en: '{organization} is a channel partner in the Licensing Service Center',
      sv: '{organization} är kanalpartner i Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher has registered {organization} as a channel partner (partner number {partnerNumber}) and given you a user of its own. As a partner you see the agreements and contacts of record of the customers you serve, and you change their contacts.\n\nRegister with this work address ({email}) to start. The link is valid until {expiresAt}.\n\n[Register]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har registrerat {organization} som kanalpartner (partnernummer {partnerNumber}) och gett dig en egen användare. Som partner ser du avtalen och de registrerade kontakterna för kunderna ni betjänar, och du ändrar deras kontakter.\n\nRegistrera dig med den här arbetsadressen ({email}) för att börja. Länken gäller till {expiresAt}.\n\n[Registrera dig]({url})',
    },
  },
  partnerAssigned: {
    subject: {
      en: 'You are the channel partner of record of agreement {agreementNumber}',
      sv: 'Ni är registrerad kanalpartner för avtal {agreementNumber}',
    },
    body: {
      en: 'Hello,\n\nThe publisher has recorded {partner} as channel partner of agreement {agreementNumber} of {organization}, for these Licensing IDs:\n\n{licensingIds}\n\n[Your customers]({url})',
      sv: 'Hej,\n\nUtgivaren har registrerat {partner} som kanalpartner för avtal {agreementNumber} hos {organization}, för de här licens-ID:na:\n\n{licensingIds}\n\n[Era kunder]({url})',
    },
  },
  partnerReleased: {
    subject: {
      en: 'You are no longer the channel partner of agreement {agreementNumber}',
      sv: 'Ni är inte längre kanalpartner för avtal {agreementNumber}',
    },
    body: {
      en: 'Hello,\n\nThe publisher has recorded {partner} as channel partner of agreement {agreementNumber} of {organization} in your place, for these Licensing IDs:\n\n{licensingIds}',
      sv: 'Hej,\n\nUtgivaren har registrerat {partner} som kanalpartner för avtal {agreementNumber} hos {organization} i ert ställe, för de här licens-ID:na:\n\n{licensingIds}',
    },
  },
  customerPartnerChanged: {
    subject: {
      en: '{partner} is your channel partner for agreement {agreementNumber}',
      sv: '{partner} är er kanalpartner för avtal {agreementNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher has recorded {partner} ({partnerEmail}) as the channel partner of agreement {agreementNumber}, for these Licensing IDs:\n\n{licensingIds}\n\nYour channel partner is who changes your contacts of record.\n\n[Relationship Summary]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har registrerat {partner} ({partnerEmail}) som kanalpartner för avtal {agreementNumber}, för de här licens-ID:na:\n\n{licensingIds}\n\nDet är er kanalpartner som ändrar era registrerade kontakter.\n\n[Relationsöversikt]({url})',
    },
  },
});
