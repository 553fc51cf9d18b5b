import { defineProblems } from '../../platform/i18n/problems.js';

export const IDENTITY_PROBLEMS = defineProblems({
  // R-ID-4: the sign-in/sign-up codes of the service-center FAQ, titled with its help texts.
  E02: {
    en: 'We are sorry. We are unable to complete your sign up to the Licensing Service Center as the email domain you have provided is restricted for automatic sign up.',
    sv: 'Vi beklagar. Vi kan inte slutföra din registrering i Licensing Service Center eftersom den e-postdomän du angav är spärrad för automatisk registrering.',
  },
  E03: {
    en: 'Sorry, we cannot finish signing you up. Your IT Department has turned off signup for the Licensing Service Center.',
    sv: 'Tyvärr kan vi inte slutföra din registrering. Din IT-avdelning har stängt av registrering för Licensing Service Center.',
  },
  E04: {
    en: "We cannot create a work account with the domain name you used, because that account does not exist in your organization's directory. Your IT administrator can tell you which account to use.",
    sv: 'Vi kan inte skapa ett arbetskonto med det domännamn du använde, eftersom kontot inte finns i organisationens katalog. Din IT-administratör kan berätta vilket konto du ska använda.',
  },
  E05: {
    en: 'We are sorry. We are unable to complete your sign up to the Licensing Service Center as the email domain you have provided is restricted for automatic sign up.',
    sv: 'Vi beklagar. Vi kan inte slutföra din registrering i Licensing Service Center eftersom den e-postdomän du angav är spärrad för automatisk registrering (inbjudan gäller en annan adress).',
  },
  E06: {
    en: 'We are unable to complete your action. Sign in using the work account named in this message.',
    sv: 'Vi kan inte slutföra åtgärden. Logga in med det arbetskonto som anges i meddelandet.',
  },
  ACCOUNT_EXISTS: {
    en: 'An account with this e-mail address already exists. Sign in instead.',
    sv: 'Det finns redan ett konto med den här e-postadressen. Logga in i stället.',
  },
  WEAK_PASSWORD: {
    en: 'Choose a longer password that does not contain your e-mail address.',
    sv: 'Välj ett längre lösenord som inte innehåller din e-postadress.',
  },
  INVITATION_EXPIRED: {
    en: 'This invitation link is no longer valid. Ask for a new one; it is sent to the invited address.',
    sv: 'Den här inbjudningslänken gäller inte längre. Be om en ny; den skickas till den inbjudna adressen.',
  },
  INVITATION_USED: {
    en: 'This invitation has already been used to register. Sign in instead.',
    sv: 'Den här inbjudan har redan använts för registrering. Logga in i stället.',
  },
  VERIFICATION_EXPIRED: {
    en: 'This confirmation link is no longer valid. Ask for a new one; it is sent to the same address.',
    sv: 'Den här bekräftelselänken gäller inte längre. Be om en ny; den skickas till samma adress.',
  },
  VERIFICATION_USED: {
    en: 'This address has already been confirmed.',
    sv: 'Den här adressen har redan bekräftats.',
  },
  COUNTRY_FIXED: {
    en: "The organization's country or region cannot be changed once sign-up is complete. Contact support to correct it.",
    sv: 'Organisationens land eller region kan inte ändras när registreringen är klar. Kontakta supporten för att rätta det.',
  },
  USER_NOT_INVITED: {
    en: 'The user is not waiting for an invitation: already registered, deactivated or removed.',
    sv: 'Användaren väntar inte på någon inbjudan: redan registrerad, inaktiverad eller borttagen.',
  },
  DOMAIN_NOT_OWNED: {
    en: 'Only work domains of your organization can be restricted.',
    sv: 'Endast organisationens egna arbetsdomäner kan spärras.',
  },
  // SSO sign-in through the organization's identity provider, and its settings.
  SSO_NOT_CONFIGURED: {
    en: 'Single sign-on is not set up for this address. Sign in with your password instead.',
    sv: 'Enkel inloggning är inte konfigurerad för den här adressen. Logga in med ditt lösenord i stället.',
  },
  OIDC_DISCOVERY_FAILED: {
    en: "The identity provider's discovery document could not be read from this issuer address.",
    sv: 'Identitetsleverantörens konfigurationsdokument kunde inte läsas från den här utfärdaradressen.',
  },
  SSO_STATE_INVALID: {
    en: 'This sign-in link has expired or was already used. Start the sign-in again.',
    sv: 'Inloggningslänken har gått ut eller har redan använts. Börja om inloggningen.',
  },
  SSO_FAILED: {
    en: "Sign-in through your organization's identity provider did not succeed. Try again or sign in with your password.",
    sv: 'Inloggningen via organisationens identitetsleverantör lyckades inte. Försök igen eller logga in med ditt lösenord.',
  },
  SSO_EMAIL_NOT_IN_ORGANIZATION: {
    en: "The identity provider did not confirm a work address of your organization. Sign in with your organization's work account.",
    sv: 'Identitetsleverantören bekräftade ingen arbetsadress i din organisation. Logga in med organisationens arbetskonto.',
  },
  SSO_SUBJECT_MISMATCH: {
    en: 'This address belongs to another account at your identity provider. Ask your administrator for help.',
    sv: 'Den här adressen tillhör ett annat konto hos identitetsleverantören. Be din administratör om hjälp.',
  },
  USER_DEACTIVATED: {
    en: 'Your account has been deactivated. Ask an administrator of your organization to reactivate it.',
    sv: 'Ditt konto har inaktiverats. Be en administratör i din organisation att aktivera det igen.',
  },
});
