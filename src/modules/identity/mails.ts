import { defineMails } from '../../platform/mail/templates.js';

export const identityMails = defineMails({
  invitation: {
    secret: ['url'],
    subject: {
      en: 'You are invited to the Licensing Service Center',
      sv: 'Du är inbjuden till Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\n{inviterName} of {organization} has given you access to volume licenses in the Licensing Service Center. Register with this work address ({email}) to start.\n\nThe link is valid until {expiresAt}. If it has expired, ask {inviterName} to send a new one.\n\n[Register]({url})',
      sv: 'Hej {firstName},\n\n{inviterName} på {organization} har gett dig tillgång till volymlicenser i Licensing Service Center. Registrera dig med den här arbetsadressen ({email}) för att börja.\n\nLänken gäller till {expiresAt}. Om den har gått ut, be {inviterName} skicka en ny.\n\n[Registrera dig]({url})',
    },
  },
  // R-ID-3: to the agreement's (invited) address when the user registered with another one.
  emailVerification: {
    secret: ['url'],
    subject: {
      en: 'Thank you for registering with the Licensing Service Center',
      sv: 'Tack för att du registrerade dig i Licensing Service Center',
    },
    body: {
      en: 'Hello,\n\n{name} registered with the Licensing Service Center as {accountEmail}, using the invitation sent to this address ({address}) for {organization}.\n\nFollow the link to confirm that this address is yours. Access to the agreements starts only then. The link is valid until {expiresAt}.\n\nIf you did not register, ignore this mail: nothing is granted without the link.\n\n[Confirm the address]({url})',
      sv: 'Hej,\n\n{name} har registrerat sig i Licensing Service Center som {accountEmail}, med inbjudan som skickades till den här adressen ({address}) för {organization}.\n\nFölj länken för att bekräfta att adressen är din. Först då börjar åtkomsten till avtalen. Länken gäller till {expiresAt}.\n\nOm det inte var du som registrerade dig kan du bortse från det här meddelandet: ingenting beviljas utan länken.\n\n[Bekräfta adressen]({url})',
    },
  },
  registrationCompleted: {
    subject: {
      en: 'Your Licensing Service Center registration is complete',
      sv: 'Din registrering i Licensing Service Center är klar',
    },
    body: {
      en: 'Hello {firstName},\n\nYour registration is complete. Sign in with {email} to see the Licensing IDs of {organization} you have access to.\n\n[Sign in]({url})',
      sv: 'Hej {firstName},\n\nDin registrering är klar. Logga in med {email} för att se de licens-ID:n för {organization} som du har åtkomst till.\n\n[Logga in]({url})',
    },
  },
  registrationPending: {
    subject: {
      en: 'Your Licensing Service Center account waits for a confirmation',
      sv: 'Ditt konto i Licensing Service Center väntar på en bekräftelse',
    },
    body: {
      en: 'Hello {firstName},\n\nYour account {email} is registered. Because you were invited at {agreementEmail}, your access to the agreements of {organization} starts once the link we sent to that address is followed. It can take a while to arrive; do not register again meanwhile.\n\nUntil then you can sign in, but no Licensing IDs are shown.\n\n[Sign in]({url})',
      sv: 'Hej {firstName},\n\nDitt konto {email} är registrerat. Eftersom du bjöds in på {agreementEmail} börjar din åtkomst till avtalen för {organization} när länken vi skickade till den adressen har följts. Det kan dröja innan den kommer fram; registrera dig inte igen under tiden.\n\nTills dess kan du logga in, men inga licens-ID:n visas.\n\n[Logga in]({url})',
    },
  },
  inviteeRegistered: {
    subject: {
      en: '{inviteeName} has registered with the Licensing Service Center',
      sv: '{inviteeName} har registrerat sig i Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\n{inviteeName}, whom you invited at {invitedEmail}, has registered as {inviteeEmail}.\n\n[Manage users]({url})',
      sv: 'Hej {firstName},\n\n{inviteeName}, som du bjöd in på {invitedEmail}, har registrerat sig som {inviteeEmail}.\n\n[Hantera användare]({url})',
    },
  },
  emailVerified: {
    subject: {
      en: 'Your access to the agreements of {organization} is active',
      sv: 'Din åtkomst till avtalen för {organization} är aktiv',
    },
    body: {
      en: 'Hello {firstName},\n\nThe address {address} was confirmed. Your {grantCount} permission(s) on the Licensing IDs of {organization} are now active for {email}.\n\n[Open the Relationship Summary]({url})',
      sv: 'Hej {firstName},\n\nAdressen {address} har bekräftats. Dina {grantCount} behörighet(er) på licens-ID:n för {organization} är nu aktiva för {email}.\n\n[Öppna relationssammanfattningen]({url})',
    },
  },
  // R-ID-4: self sign-up creates an account without permissions; the link confirms the address.
  signUpCompleted: {
    secret: ['url'],
    subject: {
      en: 'Welcome to the Licensing Service Center',
      sv: 'Välkommen till Licensing Service Center',
    },
    body: {
      en: 'Hello {firstName},\n\nYour account {email} at {organization} is created. Confirm the address with the link below (valid until {expiresAt}); you can sign in once it is confirmed.\n\nYour account has no permissions yet: sign in and request them on the Licensing IDs of your organization.\n\n[Confirm your address]({url})',
      sv: 'Hej {firstName},\n\nDitt konto {email} hos {organization} har skapats. Bekräfta adressen med länken nedan (gäller till {expiresAt}); du kan logga in när den är bekräftad.\n\nKontot har ännu inga behörigheter: logga in och begär dem på din organisations licens-ID:n.\n\n[Bekräfta din adress]({url})',
    },
  },
  // Finding 9: sign-up with an address that already has an account answers as any sign-up and tells the owner instead.
  signUpAccountExists: {
    subject: {
      en: 'Someone tried to sign up with your address',
      sv: 'Någon försökte registrera sig med din adress',
    },
    body: {
      en: 'Hello {firstName},\n\nSomeone, perhaps you, tried to create a new Licensing Service Center account with {email} on {at}. This address already has an account, so nothing was created and your account is unchanged.\n\nIf it was you, sign in with your existing account. If you have forgotten your password, choose “Forgot your password?” on the sign-in page.\n\nIf it was not you, you need not do anything.\n\n[Sign in]({url})',
      sv: 'Hej {firstName},\n\nNågon, kanske du, försökte skapa ett nytt konto i Licensing Service Center med {email} den {at}. Adressen har redan ett konto, så inget skapades och ditt konto är oförändrat.\n\nOm det var du, logga in med ditt befintliga konto. Om du har glömt lösenordet, välj ”Glömt lösenordet?” på inloggningssidan.\n\nOm det inte var du behöver du inte göra något.\n\n[Logga in]({url})',
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
  ssoAccountCreated: {
    subject: {
      en: 'Your Licensing Service Center account was created',
      sv: 'Ditt konto i Licensing Service Center har skapats',
    },
    body: {
      en: "Hello {firstName},\n\nAn account for {email} at {organization} was created when you signed in through your organization's sign-in page. It has no permissions yet: ask an Administrator of your organization's Licensing IDs to give you the roles you need.\n\n[Open the Licensing Service Center]({url})",
      sv: 'Hej {firstName},\n\nEtt konto för {email} hos {organization} skapades när du loggade in via organisationens inloggningssida. Det har inga behörigheter än: be en administratör för organisationens licens-ID:n att ge dig de roller du behöver.\n\n[Öppna Licensing Service Center]({url})',
    },
  },
  ssoSettingsSaved: {
    subject: {
      en: 'Single sign-on settings of {organization} were changed',
      sv: 'Inställningarna för enkel inloggning för {organization} har ändrats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorEmail} saved the single sign-on settings of {organization} on {at}: identity provider {issuer}, client {clientId}.\n\nWhoever controls that identity provider can sign in as the users of your organization. If you did not expect this change, review the settings at once.\n\n[Review the settings]({url})',
      sv: 'Hej {firstName},\n\n{actorEmail} sparade inställningarna för enkel inloggning för {organization} den {at}: identitetsleverantör {issuer}, klient {clientId}.\n\nDen som styr den identitetsleverantören kan logga in som organisationens användare. Om du inte väntade dig ändringen, granska inställningarna direkt.\n\n[Granska inställningarna]({url})',
    },
  },
  ssoSettingsRemoved: {
    subject: {
      en: 'Single sign-on of {organization} was turned off',
      sv: 'Enkel inloggning för {organization} har stängts av',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorEmail} removed the single sign-on settings of {organization} on {at}. Users now sign in with their passwords.\n\n[Review the settings]({url})',
      sv: 'Hej {firstName},\n\n{actorEmail} tog bort inställningarna för enkel inloggning för {organization} den {at}. Användarna loggar nu in med sina lösenord.\n\n[Granska inställningarna]({url})',
    },
  },
  scimTokenCreated: {
    subject: {
      en: 'A directory sync (SCIM) token was created for {organization}',
      sv: 'En token för katalogsynkronisering (SCIM) har skapats för {organization}',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorEmail} created a directory sync (SCIM) token named "{tokenName}" for {organization} on {at}. Whoever holds it can add users to the organization\'s directory and remove their access.\n\nIf you did not expect this, revoke the token at once.\n\n[Review the tokens]({url})',
      sv: 'Hej {firstName},\n\n{actorEmail} skapade en token för katalogsynkronisering (SCIM) med namnet "{tokenName}" för {organization} den {at}. Den som har den kan lägga till användare i organisationens katalog och ta bort deras åtkomst.\n\nOm du inte väntade dig detta, återkalla token direkt.\n\n[Granska dina token]({url})',
    },
  },
});
