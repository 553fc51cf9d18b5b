import { defineProblems } from '../../../platform/i18n/problems.js';

/** Account recovery: reset links, changing a password, and an Administrator's help with an account. */
export const RECOVERY_PROBLEMS = defineProblems({
  RESET_LINK_INVALID: {
    en: 'This password reset link is not valid. Ask for a new one on the sign-in page.',
    sv: 'Länken för att återställa lösenordet är inte giltig. Be om en ny på inloggningssidan.',
  },
  RESET_LINK_EXPIRED: {
    en: 'This password reset link has expired. Ask for a new one on the sign-in page.',
    sv: 'Länken för att återställa lösenordet har gått ut. Be om en ny på inloggningssidan.',
  },
  RESET_LINK_USED: {
    en: 'This password reset link has already been used. Sign in with your new password, or ask for a new link.',
    sv: 'Länken för att återställa lösenordet har redan använts. Logga in med ditt nya lösenord eller be om en ny länk.',
  },
  CURRENT_PASSWORD_INCORRECT: {
    en: 'The current password is not correct.',
    sv: 'Det nuvarande lösenordet är inte korrekt.',
  },
  PASSWORD_UNCHANGED: {
    en: 'The new password is the same as the current one. Choose another.',
    sv: 'Det nya lösenordet är samma som det nuvarande. Välj ett annat.',
  },
  SSO_ACCOUNT: {
    en: "This account signs in through the organization's identity provider (single sign-on); its password is changed there.",
    sv: 'Det här kontot loggar in via organisationens identitetsleverantör (enkel inloggning); lösenordet ändras där.',
  },
  USER_NOT_REGISTERED: {
    en: 'The user has not registered yet, so there is no password to reset. Re-send the invitation instead.',
    sv: 'Användaren har inte registrerat sig ännu, så det finns inget lösenord att återställa. Skicka inbjudan igen i stället.',
  },
  ACCOUNT_NOT_ACTIVE: {
    en: 'The account is deactivated or removed, so it cannot get a password reset link.',
    sv: 'Kontot är inaktiverat eller borttaget, så det kan inte få någon länk för att återställa lösenordet.',
  },
  ACCOUNT_OF_ANOTHER_ORGANIZATION: {
    en: "The user's account belongs to another organization; only its administrators can change the account.",
    sv: 'Användarens konto tillhör en annan organisation; bara dess administratörer kan ändra kontot.',
  },
});
