import { defineProblems } from '../../platform/i18n/problems.js';

/** R-OS-2…R-OS-7: why an activation, a resend, a key or an add-on is refused. */
export const ONLINE_SERVICES_PROBLEMS = defineProblems({
  ACTIVATION_LINK_UNKNOWN: {
    en: 'This activation link is not valid. Ask your Administrator to resend the activation mail.',
    sv: 'Aktiveringslänken är ogiltig. Be administratören att skicka aktiveringsmeddelandet igen.',
  },
  ACTIVATION_LINK_EXPIRED: {
    en: 'This activation link has expired: links expire six months after the original purchase date. Contact support to have it reactivated.',
    sv: 'Aktiveringslänken har upphört att gälla: länkar gäller i sex månader från det ursprungliga inköpsdatumet. Kontakta supporten för att få den återaktiverad.',
  },
  ENROLLMENT_ALREADY_LINKED: {
    en: 'This Licensing ID is already linked to an online services account; an enrollment links to one account only.',
    sv: 'Det här licens-ID:t är redan kopplat till ett onlinetjänstkonto; en registrering kan bara kopplas till ett konto.',
  },
  NO_ONLINE_SERVICE_ORDER: {
    en: 'No online service has been ordered under this Licensing ID, so there is nothing to activate.',
    sv: 'Ingen onlinetjänst har beställts under det här licens-ID:t, så det finns inget att aktivera.',
  },
  SERVICE_ACCOUNT_NOT_ADMINISTERED: {
    en: 'You are not a global or billing administrator of that online services account.',
    sv: 'Du är inte global administratör eller faktureringsadministratör för det onlinetjänstkontot.',
  },
  SERVICE_ACCOUNT_DOMAIN_TAKEN: {
    en: 'That domain is already verified on another online services account.',
    sv: 'Domänen är redan verifierad för ett annat onlinetjänstkonto.',
  },
  SERVICE_ACCOUNT_DOMAIN_PRESENT: {
    en: 'That domain is already verified on this online services account.',
    sv: 'Domänen är redan verifierad för det här onlinetjänstkontot.',
  },
  SERVICE_ACCOUNT_DOMAIN_PERSONAL: {
    en: 'A personal-mail domain (such as outlook.com) cannot be verified on an online services account; use your organization’s own domain.',
    sv: 'En domän för privat e-post (till exempel outlook.com) kan inte verifieras på ett onlinetjänstkonto; använd organisationens egen domän.',
  },
  SERVICE_ACCOUNT_DOMAIN_NOT_OWNED: {
    en: 'No work account of your organization uses that domain, so it cannot be verified as yours.',
    sv: 'Inget arbetskonto i er organisation använder den domänen, så den kan inte verifieras som er.',
  },
  ENROLLMENT_NOT_LINKED: {
    en: 'This Licensing ID is not linked to an online services account yet; activate its services first.',
    sv: 'Det här licens-ID:t är inte kopplat till ett onlinetjänstkonto ännu; aktivera dess tjänster först.',
  },
  OSA_KEY_UNKNOWN: {
    en: 'This Online Service Activation key is not valid.',
    sv: 'Aktiveringsnyckeln för onlinetjänsten är ogiltig.',
  },
  OSA_KEY_USED: {
    en: 'This Online Service Activation key has already been used; each key can be entered once.',
    sv: 'Aktiveringsnyckeln för onlinetjänsten har redan använts; varje nyckel kan anges en gång.',
  },
  ADDON_WITHOUT_BASE: {
    en: 'An add-on online service needs its base service on the same enrollment; order the base service first.',
    sv: 'En tilläggstjänst kräver sin bastjänst i samma registrering; beställ bastjänsten först.',
  },
  ACTIVATION_NOT_PENDING: {
    en: 'This enrollment has no activation waiting for confirmation.',
    sv: 'Den här registreringen har ingen aktivering som väntar på bekräftelse.',
  },
});
