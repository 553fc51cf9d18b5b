import { defineMails } from '../../../platform/mail/templates.js';

/** To the account's owner on every change of their second factor, so a change they did not make is noticed. */
export const secondFactorMails = defineMails({
  totpAdded: {
    subject: {
      en: 'An authenticator app was set up for your account',
      sv: 'En autentiseringsapp har konfigurerats för ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nAn authenticator app was set up as a second factor for {email} on {at} (UTC). From now on, signing in asks for a code from it after your password.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nEn autentiseringsapp konfigurerades som andra faktor för {email} den {at} (UTC). Från och med nu ber inloggningen om en kod från den efter ditt lösenord.\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
  totpRemoved: {
    subject: {
      en: 'The authenticator app was removed from your account',
      sv: 'Autentiseringsappen har tagits bort från ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nThe authenticator app was removed from {email} on {at} (UTC); its codes no longer sign you in.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nAutentiseringsappen togs bort från {email} den {at} (UTC); dess koder loggar inte längre in dig.\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
  passkeyAdded: {
    subject: {
      en: 'A passkey was added to your account',
      sv: 'En nyckel har lagts till för ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nThe passkey "{name}" was added as a second factor for {email} on {at} (UTC).\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nNyckeln "{name}" lades till som andra faktor för {email} den {at} (UTC).\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
  passkeyRemoved: {
    subject: {
      en: 'A passkey was removed from your account',
      sv: 'En nyckel har tagits bort från ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nThe passkey "{name}" was removed from {email} on {at} (UTC); it no longer signs you in.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nNyckeln "{name}" togs bort från {email} den {at} (UTC); den loggar inte längre in dig.\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
  recoveryCodeUsed: {
    subject: {
      en: 'A recovery code was used to sign in to your account',
      sv: 'En återställningskod användes för att logga in på ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nA recovery code was used to sign in as {email} on {at} (UTC). Each code works once; {remaining} are left. When few are left, make a new set on the Sign-in security page.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nEn återställningskod användes för att logga in som {email} den {at} (UTC). Varje kod fungerar en gång; {remaining} återstår. När få återstår, skapa en ny uppsättning på sidan Inloggningssäkerhet.\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
  recoveryCodesRegenerated: {
    subject: {
      en: 'New recovery codes were made for your account',
      sv: 'Nya återställningskoder har skapats för ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nA new set of recovery codes was made for {email} on {at} (UTC). The earlier codes no longer work.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Sign-in security]({url})',
      sv: 'Hej {firstName},\n\nEn ny uppsättning återställningskoder skapades för {email} den {at} (UTC). De tidigare koderna fungerar inte längre.\n\nOm det inte var du, återställ lösenordet genast och meddela din administratör.\n\n[Inloggningssäkerhet]({url})',
    },
  },
});
