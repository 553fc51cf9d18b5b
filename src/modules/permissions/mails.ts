import { defineMails } from '../../platform/mail/templates.js';

/** R-PERM-4, R-PERM-7: every change to a user's roles is mailed to that user, in their language. */
export const permissionsMails = defineMails({
  rolesChanged: {
    subject: {
      en: 'Your roles in the Licensing Service Center changed',
      sv: 'Dina roller i Licensing Service Center har ändrats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} changed your roles:\n\n{changes}\n\nThe change applies at once.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\n{actorName} har ändrat dina roller:\n\n{changes}\n\nÄndringen gäller direkt.\n\n[Mina behörigheter]({url})',
    },
  },
  accessDeactivated: {
    subject: {
      en: 'Your access in the Licensing Service Center was deactivated',
      sv: 'Din åtkomst i Licensing Service Center har inaktiverats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} deactivated you in {organization}. These Licensing IDs changed:\n\n{changes}\n\nUntil an Administrator of {organization} reactivates you, you cannot give yourself access to its Licensing IDs again, Add Open License included. If you need access, ask an Administrator of the Licensing ID.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\n{actorName} har inaktiverat dig i {organization}. Dessa licens-ID:n har ändrats:\n\n{changes}\n\nTills en administratör för {organization} återaktiverar dig kan du inte själv ge dig åtkomst till organisationens licens-ID:n igen, inte heller med Lägg till Open License. Om du behöver åtkomst, be en administratör för licens-ID:t.\n\n[Mina behörigheter]({url})',
    },
  },
  /** The deactivation left a person of the organization's own without any role: the account is closed. */
  accountDeactivated: {
    subject: {
      en: 'Your Licensing Service Center account was deactivated',
      sv: 'Ditt konto i Licensing Service Center har inaktiverats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} deactivated you in {organization}. These Licensing IDs changed:\n\n{changes}\n\nYou no longer hold a role on any Licensing ID, so your account is closed: every session was signed out and your personal API tokens were revoked. You cannot sign in until an Administrator of {organization} reactivates you.\n\nIf you think this is a mistake, contact an Administrator of {organization}.',
      sv: 'Hej {firstName},\n\n{actorName} har inaktiverat dig i {organization}. Dessa licens-ID:n har ändrats:\n\n{changes}\n\nDu har inte längre någon roll för något licens-ID, så ditt konto är stängt: alla sessioner loggades ut och dina personliga API-token återkallades. Du kan inte logga in förrän en administratör för {organization} återaktiverar dig.\n\nOm du tror att detta är ett misstag, kontakta en administratör för {organization}.',
    },
  },
  accessReactivated: {
    subject: {
      en: 'Your access in the Licensing Service Center was reactivated',
      sv: 'Din åtkomst i Licensing Service Center har återaktiverats',
    },
    body: {
      en: 'Hello {firstName},\n\n{actorName} reactivated your access:\n\n{changes}\n\nThe roles apply at once.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\n{actorName} har återaktiverat din åtkomst:\n\n{changes}\n\nRollerna gäller direkt.\n\n[Mina behörigheter]({url})',
    },
  },
  licensingIdLeft: {
    subject: {
      en: 'You removed Licensing ID {number} from your permissions',
      sv: 'Du tog bort licens-ID {number} från dina behörigheter',
    },
    body: {
      en: 'Hello {firstName},\n\nYou removed {number} ({name}) from your permissions on {date}:\n\n{changes}\n\nThis is final: to get access again, ask an Administrator of the Licensing ID to add you.\n\nIf this was not you, tell your administrator at once.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\nDu tog bort {number} ({name}) från dina behörigheter den {date}:\n\n{changes}\n\nDetta är slutgiltigt: för att få åtkomst igen, be en administratör för licens-ID:t att lägga till dig.\n\nOm det inte var du, kontakta din administratör direkt.\n\n[Mina behörigheter]({url})',
    },
  },
  /** R-PERM-5: the contact's choice, confirmed to them. */
  inheritanceOptedIn: {
    subject: {
      en: 'You are Administrator of the Licensing IDs under {agreementNumber}',
      sv: 'Du är administratör för licens-ID:na under {agreementNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nYou opted in: as a contact of {agreementNumber} you are Administrator of every Licensing ID under it.\n\n{changes}\n\nYou can opt out at any time; you keep the Licensing Info Viewer role either way.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\nDu har valt att delta: som kontakt för {agreementNumber} är du administratör för alla licens-ID:n under det.\n\n{changes}\n\nDu kan avstå när som helst; du behåller rollen Visare av licensinformation oavsett.\n\n[Mina behörigheter]({url})',
    },
  },
  inheritanceOptedOut: {
    subject: {
      en: 'You are no longer Administrator of the Licensing IDs under {agreementNumber}',
      sv: 'Du är inte längre administratör för licens-ID:na under {agreementNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nYou opted out: as a contact of {agreementNumber} you keep the Licensing Info Viewer role on every Licensing ID under it, but are no longer their Administrator by inheritance.\n\n{changes}\n\nYou can opt in again at any time.\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\nDu har valt att avstå: som kontakt för {agreementNumber} behåller du rollen Visare av licensinformation för alla licens-ID:n under det, men är inte längre deras administratör genom arv.\n\n{changes}\n\nDu kan välja att delta igen när som helst.\n\n[Mina behörigheter]({url})',
    },
  },
  /** To every Administrator of record (R-PERM-6). */
  permissionRequested: {
    subject: {
      en: 'Permission request {requestNumber} for Licensing ID {number}',
      sv: 'Behörighetsbegäran {requestNumber} för licens-ID {number}',
    },
    body: {
      en: 'Hello {firstName},\n\n{requesterName} ({requesterEmail}) asks for these roles on {number} ({name}):\n\n{roles}\n\nComment: {comment}\n\nAny one Administrator of the Licensing ID can accept or deny the request; the roles apply as soon as it is accepted.\n\n[Review request {requestNumber}]({url})',
      sv: 'Hej {firstName},\n\n{requesterName} ({requesterEmail}) begär dessa roller för {number} ({name}):\n\n{roles}\n\nKommentar: {comment}\n\nVilken administratör som helst för licens-ID:t kan godkänna eller avslå begäran; rollerna gäller så snart den godkänns.\n\n[Granska begäran {requestNumber}]({url})',
    },
  },
  /** To the requester; it never names the Administrators (R-PERM-6). */
  permissionRequestSent: {
    subject: {
      en: 'Your permission request {requestNumber} was sent',
      sv: 'Din behörighetsbegäran {requestNumber} har skickats',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {requestNumber} for these roles on {number} was sent to the Administrators of the Licensing ID:\n\n{roles}\n\nYou will get an e-mail when one of them has decided.\n\n[Your requests]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {requestNumber} om dessa roller för {number} har skickats till administratörerna för licens-ID:t:\n\n{roles}\n\nDu får ett e-postmeddelande när någon av dem har beslutat.\n\n[Dina begäranden]({url})',
    },
  },
  permissionRequestAccepted: {
    subject: {
      en: 'Your permission request {requestNumber} was accepted',
      sv: 'Din behörighetsbegäran {requestNumber} har godkänts',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {requestNumber} for {number} was accepted. You can use these roles now:\n\n{roles}\n\nNote from the Administrator: {note}\n\n[My Permissions]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {requestNumber} för {number} har godkänts. Du kan använda dessa roller nu:\n\n{roles}\n\nAnteckning från administratören: {note}\n\n[Mina behörigheter]({url})',
    },
  },
  permissionRequestDenied: {
    subject: {
      en: 'Your permission request {requestNumber} was denied',
      sv: 'Din behörighetsbegäran {requestNumber} har avslagits',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {requestNumber} for these roles on {number} was denied:\n\n{roles}\n\nNote from the Administrator: {note}\n\n[Your requests]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {requestNumber} om dessa roller för {number} har avslagits:\n\n{roles}\n\nAnteckning från administratören: {note}\n\n[Dina begäranden]({url})',
    },
  },
});

/** R-PERM-10, R-PERM-11: Add Open License and reseller access. */
export const addOpenMails = defineMails({
  addOpenGranted: {
    subject: {
      en: 'You now have access to Open License {licenseNumber}',
      sv: 'Du har nu åtkomst till Open License {licenseNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nAdd Open License gave you access to {licenseName} ({licenseNumber}): view license information and the Software Assurance summary, download software, product keys and subscriptions.\n\nThe administrators of the license have been told. To administer the license, request the Administrator role with a permission request.\n\n[Open the license]({url})',
      sv: 'Hej {firstName},\n\nLägg till Open License gav dig åtkomst till {licenseName} ({licenseNumber}): visa licensinformation och sammanfattningen av Software Assurance, hämta programvara, produktnycklar och prenumerationer.\n\nLicensens administratörer har informerats. Om du vill administrera licensen, begär rollen Administratör med en behörighetsbegäran.\n\n[Öppna licensen]({url})',
    },
  },
  addOpenAdminNotice: {
    subject: {
      en: '{userName} added Open License {licenseNumber} with Add Open License',
      sv: '{userName} lade till Open License {licenseNumber} med Lägg till Open License',
    },
    body: {
      en: 'Hello {firstName},\n\n{userName} ({userEmail}) entered the license and authorization numbers of {licenseName} ({licenseNumber}) and now has the limited Add Open set: view license information and the Software Assurance summary, download software, product keys and subscriptions. Not Administrator.\n\nIf you do not know this person, remove their access in Manage Users. You can also turn Add Open License off for this license there.\n\n[Manage Users]({url})',
      sv: 'Hej {firstName},\n\n{userName} ({userEmail}) angav licens- och auktoriseringsnumren för {licenseName} ({licenseNumber}) och har nu den begränsade Lägg till Open-uppsättningen: visa licensinformation och sammanfattningen av Software Assurance, hämta programvara, produktnycklar och prenumerationer. Inte Administratör.\n\nOm du inte känner personen, ta bort åtkomsten under Hantera användare. Där kan du också stänga av Lägg till Open License för licensen.\n\n[Hantera användare]({url})',
    },
  },
  resellerAdminNotice: {
    secret: ['denyUrl'],
    subject: {
      en: 'Your reseller {resellerName} has access to Open License {licenseNumber}',
      sv: 'Din återförsäljare {resellerName} har åtkomst till Open License {licenseNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\n{resellerName} ({resellerEmail}) was named as reseller on the order form of {licenseName} ({licenseNumber}) and was given the limited Add Open set automatically: view license information and the Software Assurance summary, download software, product keys and subscriptions. Not Administrator.\n\nIf you do not want your reseller to have this access, deny it with the button below or later in Manage Users.\n\n[Deny Access]({denyUrl})\n\n[Manage Users]({manageUrl})',
      sv: 'Hej {firstName},\n\n{resellerName} ({resellerEmail}) angavs som återförsäljare på beställningsformuläret för {licenseName} ({licenseNumber}) och fick automatiskt den begränsade Lägg till Open-uppsättningen: visa licensinformation och sammanfattningen av Software Assurance, hämta programvara, produktnycklar och prenumerationer. Inte Administratör.\n\nOm du inte vill att återförsäljaren ska ha den här åtkomsten, neka den med knappen nedan eller senare under Hantera användare.\n\n[Neka åtkomst]({denyUrl})\n\n[Hantera användare]({manageUrl})',
    },
  },
  resellerAccessGranted: {
    subject: {
      en: 'You have access to your customer’s Open License {licenseNumber}',
      sv: 'Du har åtkomst till din kunds Open License {licenseNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\nYou were named as reseller on the order form of {licenseName} ({licenseNumber}) for {customer}, so you can now view license information and the Software Assurance summary, download software, see product keys and manage subscriptions for it. The customer’s administrators have been told and may deny this access.\n\n[Open the license]({url})',
      sv: 'Hej {firstName},\n\nDu angavs som återförsäljare på beställningsformuläret för {licenseName} ({licenseNumber}) för {customer}, så nu kan du visa licensinformation och sammanfattningen av Software Assurance, hämta programvara, se produktnycklar och hantera prenumerationer för den. Kundens administratörer har informerats och kan neka åtkomsten.\n\n[Öppna licensen]({url})',
    },
  },
  resellerAccessDenied: {
    subject: {
      en: 'Access to Open License {licenseNumber} was denied',
      sv: 'Åtkomsten till Open License {licenseNumber} nekades',
    },
    body: {
      en: 'Hello {firstName},\n\nAn administrator of {customer} denied your reseller access to {licenseName} ({licenseNumber}). You no longer have its license information, downloads, product keys or subscriptions.\n\nIf you need access again, ask the customer’s administrator to add you as a user.',
      sv: 'Hej {firstName},\n\nEn administratör hos {customer} nekade din återförsäljaråtkomst till {licenseName} ({licenseNumber}). Du har inte längre tillgång till dess licensinformation, nedladdningar, produktnycklar eller prenumerationer.\n\nOm du behöver åtkomst igen, be kundens administratör att lägga till dig som användare.',
    },
  },
});
