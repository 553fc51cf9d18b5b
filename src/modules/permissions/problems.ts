import { defineProblems } from '../../platform/i18n/problems.js';

/** R-PERM-3 to R-PERM-7: My Permissions, Manage Users, permission requests, inheritance. */
export const PERMISSIONS_PROBLEMS = defineProblems({
  NOTICES_CORRESPONDENT: {
    en: 'The Notices Correspondent of a Licensing ID keeps it and its Administrator role. Contact changes go through your reseller.',
    sv: 'Meddelandemottagaren för ett licens-ID behåller det och sin administratörsroll. Kontaktändringar görs via din återförsäljare.',
  },
  PRIMARY_CONTACT: {
    en: 'The Primary Contact of a Licensing ID keeps it and its Administrator role. Contact changes go through your reseller.',
    sv: 'Den primära kontakten för ett licens-ID behåller det och sin administratörsroll. Kontaktändringar görs via din återförsäljare.',
  },
  INHERITED: {
    en: 'This Licensing ID is held by inheritance from an MBSA or parent agreement on which the user is a contact, so it stays.',
    sv: 'Det här licens-ID:t innehas genom arv från ett MBSA eller överordnat avtal där användaren är kontakt, så det finns kvar.',
  },
  LAST_ADMINISTRATOR: {
    en: 'Every Licensing ID needs an Administrator. Give someone else the Administrator role first.',
    sv: 'Varje licens-ID behöver en administratör. Ge någon annan administratörsrollen först.',
  },
  LICENSING_ID_EXPIRED: {
    en: 'Users of an expired Licensing ID cannot be removed.',
    sv: 'Användare av ett utgånget licens-ID kan inte tas bort.',
  },
  SELF_DEACTIVATION: {
    en: 'You cannot deactivate yourself. Remove Licensing IDs from your own set on My Permissions, or ask another Administrator.',
    sv: 'Du kan inte inaktivera dig själv. Ta bort licens-ID:n från dina egna behörigheter under Mina behörigheter, eller be en annan administratör.',
  },
  DEACTIVATED_BY_ORGANIZATION: {
    en: 'The organization that owns this Licensing ID deactivated you. Only one of its Administrators can give you access again.',
    sv: 'Organisationen som äger det här licens-ID:t har inaktiverat dig. Endast någon av dess administratörer kan ge dig åtkomst igen.',
  },
  ADDRESS_OF_ANOTHER_ORGANIZATION: {
    en: 'This address is on a domain of another organization; only that organization can invite it. Invite an address on your own domain, or ask the person to request access.',
    sv: 'Adressen hör till en domän som tillhör en annan organisation; bara den organisationen kan bjuda in den. Bjud in en adress på er egen domän, eller be personen att begära åtkomst.',
  },
  USER_EXISTS: {
    en: 'A user with this e-mail address already exists. Edit their roles instead.',
    sv: 'Det finns redan en användare med den här e-postadressen. Ändra användarens roller i stället.',
  },
  LICENSING_ID_NOT_FOUND: {
    en: 'No Licensing ID matches this program and number (and, for an Open License, authorization number).',
    sv: 'Inget licens-ID matchar det här programmet och numret (och, för en Open License, auktoriseringsnumret).',
  },
  OPEN_USER_NON_OPEN_REQUEST: {
    en: 'Users with only Open License agreements cannot request other agreements. Ask that agreement’s Administrator to invite you.',
    sv: 'Användare med enbart Open License-avtal kan inte begära andra avtal. Be avtalets administratör att bjuda in dig.',
  },
  REQUEST_PENDING: {
    en: 'You already have a pending request for this Licensing ID.',
    sv: 'Du har redan en väntande begäran för det här licens-ID:t.',
  },
  REQUEST_ALREADY_DECIDED: {
    en: 'This request has already been decided.',
    sv: 'Den här begäran har redan avgjorts.',
  },
});

/** R-PERM-9, R-PERM-10, R-PERM-11, R-PERM-13: Add Open License, reseller access and key requests. */
export const ADD_OPEN_PROBLEMS = defineProblems({
  PROFILE_INCOMPLETE: {
    en: 'Enter your first and last name to use Add Open License.',
    sv: 'Ange ditt för- och efternamn för att använda Lägg till Open License.',
  },
  INVALID_LICENSE_PAIR: {
    en: 'The license number and authorization number do not match an Open License.',
    sv: 'Licensnumret och auktoriseringsnumret matchar ingen Open License.',
  },
  ADD_OPEN_SUSPENDED: {
    en: 'Add Open License is suspended for you after repeated invalid numbers. Support cannot lift the suspension; try again when it ends.',
    sv: 'Lägg till Open License är avstängt för dig efter upprepade ogiltiga nummer. Supporten kan inte häva avstängningen; försök igen när den upphör.',
  },
  ADD_OPEN_DISABLED: {
    en: 'Add Open License is turned off for this license. Contact the customer’s administrator and ask to be added as a user.',
    sv: 'Lägg till Open License är avstängt för den här licensen. Kontakta kundens administratör och be att bli tillagd som användare.',
  },
  NOT_OPEN_LICENSE: {
    en: 'This applies to Open License Licensing IDs only.',
    sv: 'Detta gäller endast licens-ID:n för Open License.',
  },
  DENY_LINK_USED: {
    en: 'This Deny Access link has already been used.',
    sv: 'Den här länken för att neka åtkomst har redan använts.',
  },
  RESELLER_ALREADY_DENIED: {
    en: 'This reseller’s access has already been denied.',
    sv: 'Återförsäljarens åtkomst har redan nekats.',
  },
  KEY_REQUEST_NUMBER_MISMATCH: {
    en: 'The agreement, license or authorization number does not match the Licensing ID.',
    sv: 'Avtals-, licens- eller auktoriseringsnumret matchar inte licens-ID:t.',
  },
  KMS_EXCEPTION_OPEN_ONLY: {
    en: 'A KMS key by exception is only for Open programs.',
    sv: 'En KMS-nyckel som undantag gäller endast Open-program.',
  },
});
