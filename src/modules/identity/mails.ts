import { defineMails } from '../../platform/mail/templates.js';

export const identityMails = defineMails({
  invitation: {
    subject: {
      en: 'You are invited to the Licensing Service Center',
      sv: 'Du är inbjuden till Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\n{inviterName} of {organization} has given you access to volume licenses in the Licensing Service Center. Register with this work address ({email}) to start.\n\nThe link is valid until {expiresAt}. If it has expired, ask {inviterName} to send a new one.\n\n[Register]({url})',
      sv: 'Hej {firstName},\n\n{inviterName} på {organization} har gett dig tillgång till volymlicenser i Licensing Service Center. Registrera dig med den här arbetsadressen ({email}) för att börja.\n\nLänken gäller till {expiresAt}. Om den har gått ut, be {inviterName} skicka en ny.\n\n[Registrera dig]({url})',
    },
  },
  tokenCreated: {
    subject: {
      en: 'A personal API token was created for your account',
      sv: 'En personlig API-token skapades för ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nA personal API token named "{tokenName}" was created for {email} on {createdAt}. Scripts can use it to act as you until {expiresAt}.\n\nIf this was not you, revoke it at once and tell your administrator.\n\n[Review your tokens]({url})',
      sv: 'Hej {firstName},\n\nEn personlig API-token med namnet "{tokenName}" skapades för {email} den {createdAt}. Skript kan använda den för att agera som du fram till {expiresAt}.\n\nOm det inte var du, återkalla den direkt och kontakta din administratör.\n\n[Granska dina token]({url})',
    },
  },
});
