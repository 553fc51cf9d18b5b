import { defineProblems } from '../../../platform/i18n/problems.js';

/** The second factor of password accounts: setting it up, the second step of sign-in, removing it. */
export const SECOND_FACTOR_PROBLEMS = defineProblems({
  SECOND_STEP_EXPIRED: {
    en: 'This sign-in has expired or was already completed. Sign in again with your password.',
    sv: 'Inloggningen har gått ut eller är redan slutförd. Logga in igen med ditt lösenord.',
  },
  SECOND_FACTOR_CODE_WRONG: {
    en: 'The code is not correct. Check the code in your authenticator app and try again.',
    sv: 'Koden är inte korrekt. Kontrollera koden i autentiseringsappen och försök igen.',
  },
  SECOND_FACTOR_CODE_USED: {
    en: 'This code has already been used. Wait for the next code in your authenticator app.',
    sv: 'Koden har redan använts. Vänta på nästa kod i autentiseringsappen.',
  },
  RECOVERY_CODE_WRONG: {
    en: 'This is not one of your recovery codes.',
    sv: 'Det här är inte en av dina återställningskoder.',
  },
  RECOVERY_CODE_USED: {
    en: 'This recovery code has already been used. Each code works once; use another one.',
    sv: 'Återställningskoden har redan använts. Varje kod fungerar en gång; använd en annan.',
  },
  PASSKEY_NOT_VERIFIED: {
    en: 'The passkey could not be verified. Try again, or use another way to sign in.',
    sv: 'Nyckeln kunde inte verifieras. Försök igen eller använd ett annat sätt att logga in.',
  },
  PASSKEY_ALREADY_REGISTERED: {
    en: 'This passkey is already registered.',
    sv: 'Den här nyckeln är redan registrerad.',
  },
  PASSKEYS_UNAVAILABLE: {
    en: 'Passkeys need the service center to be reached by a host name, not an IP address. Use an authenticator app.',
    sv: 'Nycklar kräver att tjänsten nås via ett värdnamn, inte en IP-adress. Använd en autentiseringsapp.',
  },
  TOTP_ALREADY_SET_UP: {
    en: 'An authenticator app is already set up. Remove it first to set up another one.',
    sv: 'En autentiseringsapp är redan konfigurerad. Ta bort den först för att konfigurera en annan.',
  },
  TOTP_NOT_STARTED: {
    en: 'Start setting up the authenticator app first: scan the new QR code, then enter a code.',
    sv: 'Börja med att konfigurera autentiseringsappen: skanna den nya QR-koden och ange sedan en kod.',
  },
  NO_SECOND_FACTOR: {
    en: 'Set up an authenticator app or a passkey first; recovery codes go with a second factor.',
    sv: 'Konfigurera först en autentiseringsapp eller en nyckel; återställningskoder hör till en andra faktor.',
  },
  SECOND_FACTOR_REQUIRED_BY_ORGANIZATION: {
    en: 'Your organization requires a second factor, so your last one cannot be removed. Add another one first.',
    sv: 'Din organisation kräver en andra faktor, så du kan inte ta bort din sista. Lägg till en annan först.',
  },
  SECOND_FACTOR_AT_IDENTITY_PROVIDER: {
    en: "This account signs in through your organization's identity provider; its multi-factor settings apply there.",
    sv: 'Det här kontot loggar in via organisationens identitetsleverantör; dess inställningar för flerfaktorsautentisering gäller där.',
  },
});
