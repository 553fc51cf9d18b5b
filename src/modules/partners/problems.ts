import { defineProblems } from '../../platform/i18n/problems.js';

/** The publisher's register of channel partners and what a partner does for its customers (R-REL-6). */
export const PARTNERS_PROBLEMS = defineProblems({
  PARTNER_NUMBER_TAKEN: {
    en: 'Another channel partner already has this partner number.',
    sv: 'En annan kanalpartner har redan det här partnernumret.',
  },
  PARTNER_DOMAIN_TAKEN: {
    en: 'A domain of the partner already belongs to another organization.',
    sv: 'En av partnerns domäner tillhör redan en annan organisation.',
  },
  PARTNER_USER_OUTSIDE_DOMAINS: {
    en: 'A partner user’s work address must be in one of the partner’s own domains.',
    sv: 'En partneranvändares arbetsadress måste ligga i någon av partnerns egna domäner.',
  },
  PARTNER_USER_EXISTS: {
    en: 'This address already has an account in the service center.',
    sv: 'Den här adressen har redan ett konto i tjänstecentret.',
  },
  NOT_PARTNER_OF_EVERY_LICENSING_ID: {
    en: 'Your organization is not the channel partner of record of every Licensing ID of this agreement, so its contacts are not yours to change. Ask the publisher.',
    sv: 'Er organisation är inte registrerad kanalpartner för alla licens-ID:n i det här avtalet, så dess kontakter är inte era att ändra. Kontakta utgivaren.',
  },
});
