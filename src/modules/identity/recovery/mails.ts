import { defineMails } from '../../../platform/mail/templates.js';

/** Account recovery and an Administrator's help with an account: every change is mailed to the account's owner. */
export const recoveryMails = defineMails({
  passwordResetLink: {
    secret: ['url'],
    subject: {
      en: 'Reset your Licensing Service Center password',
      sv: 'Återställ ditt lösenord till Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\nSomeone, probably you, asked to reset the password of your Licensing Service Center account {email}. Follow the link to choose a new one. It works once, within {minutes} minutes.\n\nIf you did not ask, ignore this mail: your password stays as it is.\n\n[Choose a new password]({url})',
      sv: 'Hej {firstName},\n\nNågon, troligen du, bad om att återställa lösenordet till ditt konto {email} i Licensing Service Center. Följ länken för att välja ett nytt. Den fungerar en gång, inom {minutes} minuter.\n\nOm det inte var du kan du bortse från det här meddelandet: ditt lösenord förblir som det är.\n\n[Välj ett nytt lösenord]({url})',
    },
  },
  passwordResetLinkByAdministrator: {
    secret: ['url'],
    subject: {
      en: 'Your administrator sent you a link to choose a new password',
      sv: 'Din administratör har skickat en länk för att välja ett nytt lösenord',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName}, an administrator of {organization}, sent you a link to choose a new password for your Licensing Service Center account {email}. It works once, within {minutes} minutes. {actorName} sees neither the link nor your password.\n\nIf you did not expect this, ignore this mail and tell {actorName}: your password stays as it is until the link is used.\n\n[Choose a new password]({url})',
      sv: 'Hej {firstName},\n\n{actorName}, administratör för {organization}, har skickat en länk så att du kan välja ett nytt lösenord till ditt konto {email} i Licensing Service Center. Den fungerar en gång, inom {minutes} minuter. {actorName} ser varken länken eller ditt lösenord.\n\nOm du inte väntade dig detta kan du bortse från meddelandet och berätta det för {actorName}: ditt lösenord förblir som det är tills länken används.\n\n[Välj ett nytt lösenord]({url})',
    },
  },
  passwordResetSso: {
    subject: {
      en: 'Your Licensing Service Center account uses single sign-on',
      sv: 'Ditt konto i Licensing Service Center använder enkel inloggning',
    },
    body: {
      en: "Hello {firstName},\n\nSomeone, probably you, asked to reset the password of your Licensing Service Center account {email}. Your account signs in through the identity provider of {organization} (single sign-on), so it has no password here. Sign in with single sign-on; if you have lost that password, your organization's IT department resets it.\n\n[Sign in]({url})",
      sv: 'Hej {firstName},\n\nNågon, troligen du, bad om att återställa lösenordet till ditt konto {email} i Licensing Service Center. Kontot loggar in via identitetsleverantören för {organization} (enkel inloggning), så det har inget lösenord här. Logga in med enkel inloggning; om du har glömt det lösenordet återställer organisationens IT-avdelning det.\n\n[Logga in]({url})',
    },
  },
  passwordResetDone: {
    subject: {
      en: 'Your Licensing Service Center password was reset',
      sv: 'Ditt lösenord till Licensing Service Center har återställts',
    },
    body: {
      en: 'Hello {firstName},\n\nThe password of your Licensing Service Center account {email} was reset with a mailed link on {at}. Every session was signed out and your personal API tokens were revoked: create new tokens for your scripts if you need them.\n\nIf this was not you, ask for a new reset link at once and tell your administrator.\n\n[Reset your password]({url})',
      sv: 'Hej {firstName},\n\nLösenordet till ditt konto {email} i Licensing Service Center återställdes med en mejlad länk den {at}. Alla sessioner loggades ut och dina personliga API-token återkallades: skapa nya token för dina skript om du behöver dem.\n\nOm det inte var du, be om en ny återställningslänk direkt och kontakta din administratör.\n\n[Återställ ditt lösenord]({url})',
    },
  },
  passwordChanged: {
    subject: {
      en: 'Your Licensing Service Center password was changed',
      sv: 'Ditt lösenord till Licensing Service Center har ändrats',
    },
    body: {
      en: 'Hello {firstName},\n\nThe password of your Licensing Service Center account {email} was changed from your profile on {at}. Your other sessions were signed out; your personal API tokens keep working.\n\nIf this was not you, reset your password at once and tell your administrator.\n\n[Reset your password]({url})',
      sv: 'Hej {firstName},\n\nLösenordet till ditt konto {email} i Licensing Service Center ändrades från din profil den {at}. Dina andra sessioner loggades ut; dina personliga API-token fortsätter att fungera.\n\nOm det inte var du, återställ lösenordet direkt och kontakta din administratör.\n\n[Återställ ditt lösenord]({url})',
    },
  },
  nameCorrected: {
    subject: {
      en: 'The name on your Licensing Service Center account was corrected',
      sv: 'Namnet på ditt konto i Licensing Service Center har rättats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName}, an administrator of {organization}, corrected the name on your Licensing Service Center account {email} on {at}.\n\nBefore: {before}\nNow: {after}\n\nIf the name is still not right, tell {actorName}.\n\n[Your profile]({url})',
      sv: 'Hej {firstName},\n\n{actorName}, administratör för {organization}, rättade namnet på ditt konto {email} i Licensing Service Center den {at}.\n\nFöre: {before}\nNu: {after}\n\nOm namnet fortfarande inte stämmer, kontakta {actorName}.\n\n[Din profil]({url})',
    },
  },
});
