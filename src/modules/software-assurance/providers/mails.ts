import { defineMails } from '../../../platform/mail/templates.js';

/**
 * R-SA-5: a training provider's contact hears when the publisher issues (or rotates) and revokes
 * the provider's API credential. The secret itself is never mailed: the publisher hands it over.
 */
export const providerMails = defineMails({
  credentialIssued: {
    subject: {
      en: 'A new API credential for {provider}',
      sv: 'Nya API-uppgifter för {provider}',
    },
    body: {
      en: 'Hello,\n\nThe publisher has issued a new API credential for {provider} (provider number {number}) on {at} UTC. With it your systems look up and redeem Software Assurance training vouchers.\n\nAny earlier credential of yours stopped working at the same moment. The publisher gives you the new secret separately; it is shown only once, so store it safely.',
      sv: 'Hej,\n\nUtgivaren har utfärdat nya API-uppgifter för {provider} (leverantörsnummer {number}) den {at} UTC. Med dem slår era system upp och löser in utbildningsvouchers från Software Assurance.\n\nEventuella tidigare uppgifter slutade fungera i samma ögonblick. Utgivaren lämnar den nya hemligheten separat; den visas bara en gång, så förvara den säkert.',
    },
  },
  credentialRevoked: {
    subject: {
      en: 'The API credential of {provider} was revoked',
      sv: 'API-uppgifterna för {provider} har återkallats',
    },
    body: {
      en: 'Hello,\n\nThe publisher has revoked the API credential of {provider} (provider number {number}) on {at} UTC. Your systems can no longer look up or redeem training vouchers until the publisher issues a new one.',
      sv: 'Hej,\n\nUtgivaren har återkallat API-uppgifterna för {provider} (leverantörsnummer {number}) den {at} UTC. Era system kan inte längre slå upp eller lösa in utbildningsvouchers förrän utgivaren utfärdar nya.',
    },
  },
});
