import { defineMails } from '../../platform/mail/templates.js';

/**
 * The publisher's staff learn of an event the provisioning system never received, at their support
 * address (SUPPORT_MAIL, in SUPPORT_MAIL_LOCALE): a customer's service waits on it.
 */
export const provisioningMails = defineMails({
  provisioningDeliveryFailed: {
    subject: {
      en: 'Provisioning event not delivered: {type} about {subject}',
      sv: 'Provisioneringshändelse inte levererad: {type} om {subject}',
    },
    body: {
      en: 'Hello,\n\nThe provisioning system did not accept the {type} event about {subject} after {attempts} attempts (last outcome: {outcome}). The event is kept as failed; nothing more is sent until it is sent again.\n\nCheck the provisioning system, then send the event again from the back office.\n\n[Provisioning event]({url})',
      sv: 'Hej,\n\nProvisioneringssystemet tog inte emot händelsen {type} om {subject} efter {attempts} försök (senaste utfall: {outcome}). Händelsen sparas som misslyckad; inget mer skickas förrän den skickas igen.\n\nKontrollera provisioneringssystemet och skicka sedan händelsen igen från administrationen.\n\n[Provisioneringshändelse]({url})',
    },
  },
});
