import { defineMails } from '../../../platform/mail/templates.js';

/** R-BC-5: the partner serving a purchasing account learns of each online service its customer set up. */
export const selfProvisioningMails = defineMails({
  selfProvisioningRequested: {
    subject: {
      en: '{accountName} set up {productName}: please place the order',
      sv: '{accountName} har konfigurerat {productName}: lägg ordern',
    },
    body: {
      en: 'Hello {partnerName},\n\n{requesterEmail} of {accountName} (purchasing account {accountNumber}) set up {quantity} seats of {productName} on agreement {agreementNumber} and committed to ordering them through you. The price per seat shown was {unitPrice} {currency}.\n\nPlease contact the customer and place the order promptly; until then the service may be cancelled.\n\n[Self-provisioning requests]({url})',
      sv: 'Hej {partnerName},\n\n{requesterEmail} på {accountName} (inköpskonto {accountNumber}) har konfigurerat {quantity} platser av {productName} på avtal {agreementNumber} och åtagit sig att beställa dem via er. Det visade priset per plats var {unitPrice} {currency}.\n\nKontakta kunden och lägg ordern snarast; till dess kan tjänsten avbrytas.\n\n[Begäranden om självetablering]({url})',
    },
  },
});
