import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-REL-6, change of channel partner: why a change cannot start, or cannot move on. */
export const PARTNER_CHANGE_PROBLEMS = defineProblems({
  PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE: {
    en: 'The channel partner can be changed here only for Enterprise Agreement, Enterprise Agreement Subscription and Enterprise Agreement for Government Partners Licensing IDs, not for Open, Select or Select Plus.',
    sv: 'Kanalpartnern kan bara bytas här för licens-ID:n i Enterprise Agreement, Enterprise Agreement Subscription och Enterprise Agreement for Government Partners, inte för Open, Select eller Select Plus.',
  },
  PARTNER_CHANGE_LICENSING_ID_INACTIVE: {
    en: 'A Licensing ID you chose is expired or inactive; its channel partner cannot be changed.',
    sv: 'Ett licens-ID som du valde har gått ut eller är inaktivt; dess kanalpartner kan inte bytas.',
  },
  PARTNER_CHANGE_ALREADY_PARTNER_OF_RECORD: {
    en: 'This partner is already the channel partner of record of a Licensing ID you chose.',
    sv: 'Den här partnern är redan registrerad kanalpartner för ett licens-ID som du valde.',
  },
  PARTNER_CHANGE_ALREADY_OPEN: {
    en: 'A Licensing ID you chose is already in a change of channel partner that has not ended. Cancel that request first, or wait for it to end.',
    sv: 'Ett licens-ID som du valde ingår redan i ett byte av kanalpartner som inte är avslutat. Avbryt den begäran först, eller vänta tills den är avslutad.',
  },
  PARTNER_CHANGE_PARTNER_UNKNOWN: {
    en: 'No channel partner has this partner number. Check the number with your new partner.',
    sv: 'Ingen kanalpartner har det här partnernumret. Kontrollera numret med din nya partner.',
  },
  PARTNER_CHANGE_CONTACT_PERSONAL_ADDRESS: {
    en: 'The partner’s notification contact needs a work e-mail address; personal e-mail addresses are not accepted.',
    sv: 'Partnerns kontaktperson för meddelanden behöver en e-postadress i arbetet; personliga e-postadresser godtas inte.',
  },
  PARTNER_CHANGE_NOT_IN_PROGRESS: {
    en: 'This change of channel partner is no longer in progress: it was already accepted, declined or canceled.',
    sv: 'Det här bytet av kanalpartner pågår inte längre: det har redan godkänts, avböjts eller avbrutits.',
  },
  PARTNER_CHANGE_EXPIRED: {
    en: 'The time to answer this change of channel partner has ended; the request has expired. The customer can start a new one.',
    sv: 'Tiden för att svara på det här bytet av kanalpartner har gått ut; begäran har upphört. Kunden kan starta en ny.',
  },
});
