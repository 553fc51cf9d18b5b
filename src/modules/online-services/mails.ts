import { defineMails } from '../../platform/mail/templates.js';

/**
 * R-OS-1: the activation mail to the Online Services Manager (seed 003's subject line), the
 * Administrators' notice when no OSM is listed; R-OS-4, R-OS-6, R-OS-7: the notices of services
 * provisioned without a mail, confirmed, or taken away after the grace period.
 */
export const onlineServicesMails = defineMails({
  activationLink: {
    subject: {
      en: 'Sign in or sign up to start using your new subscription: {service}',
      sv: 'Logga in eller registrera dig för att börja använda din nya prenumeration: {service}',
    },
    body: {
      en: 'Hello {name},\n\n{service} has been ordered under {licensingName} ({licensingNumber}), and you are its Online Services Manager. Follow the link to sign in to your organization’s existing online services account, or to sign up for a new one, and the services of the enrollment are provisioned to it.\n\nThe link works until {expiresOn} (six months after the purchase date). You may forward this mail to the person who should complete the activation.\n\n[Activate the services]({url})',
      sv: 'Hej {name},\n\n{service} har beställts under {licensingName} ({licensingNumber}) och du är dess Online Services Manager. Följ länken för att logga in på organisationens befintliga onlinetjänstkonto eller registrera ett nytt, så etableras registreringens tjänster där.\n\nLänken gäller till {expiresOn} (sex månader efter inköpsdatumet). Du kan vidarebefordra meddelandet till den som ska slutföra aktiveringen.\n\n[Aktivera tjänsterna]({url})',
    },
    secret: ['url'],
  },
  activationLinkOpen: {
    subject: {
      en: 'Sign in or sign up to start using your new subscription: {service}',
      sv: 'Logga in eller registrera dig för att börja använda din nya prenumeration: {service}',
    },
    body: {
      en: 'Hello {name},\n\n{service} has been ordered under the Open license {licensingName} ({licensingNumber}). Follow the link to activate it, or enter this Online Service Activation key once on the Online Service Activation page: **{key}**\n\nThe link works until {expiresOn}. After activation the service shows as activation pending until the publisher has provisioned it, usually within 24 to 48 hours.\n\n[Activate the service]({url})',
      sv: 'Hej {name},\n\n{service} har beställts under Open-licensen {licensingName} ({licensingNumber}). Följ länken för att aktivera den, eller ange den här aktiveringsnyckeln en gång på sidan Aktivering av onlinetjänst: **{key}**\n\nLänken gäller till {expiresOn}. Efter aktiveringen visas tjänsten som väntande tills utgivaren har etablerat den, oftast inom 24 till 48 timmar.\n\n[Aktivera tjänsten]({url})',
    },
    secret: ['url', 'key'],
  },
  contactMissing: {
    subject: {
      en: 'Name an Online Services Manager for {licensingNumber}',
      sv: 'Ange en Online Services Manager för {licensingNumber}',
    },
    body: {
      en: 'Hello {firstName},\n\n{service} has been ordered under {licensingName} ({licensingNumber}), but no Online Services Manager is listed, so nobody could be sent the activation mail. Set the subscription contact and the activation mail goes to them.\n\n[Open online services]({url})',
      sv: 'Hej {firstName},\n\n{service} har beställts under {licensingName} ({licensingNumber}), men ingen Online Services Manager finns angiven, så ingen kunde få aktiveringsmeddelandet. Ange prenumerationskontakten så skickas aktiveringsmeddelandet till den.\n\n[Öppna onlinetjänster]({url})',
    },
  },
  servicesProvisioned: {
    subject: {
      en: 'Online services of {licensingNumber} provisioned to {account}',
      sv: 'Onlinetjänster för {licensingNumber} har etablerats på {account}',
    },
    body: {
      en: 'Hello {firstName},\n\n{service} of {licensingName} ({licensingNumber}) has been provisioned to the online services account {account} without an activation mail: {reason}\n\n[Open online services]({url})',
      sv: 'Hej {firstName},\n\n{service} för {licensingName} ({licensingNumber}) har etablerats på onlinetjänstkontot {account} utan aktiveringsmeddelande: {reason}\n\n[Öppna onlinetjänster]({url})',
    },
  },
  domainAdded: {
    subject: {
      en: 'Domain {domain} verified on {account}',
      sv: 'Domänen {domain} har verifierats på {account}',
    },
    body: {
      en: 'Hello,\n\n{by} verified the domain {domain} on the online services account {account}. Online Services Managers with addresses on it now get their enrollments’ services provisioned to this account without an activation mail.\n\nIf this was not intended, an Administrator can remove the domain.\n\n[Open online services]({url})',
      sv: 'Hej,\n\n{by} har verifierat domänen {domain} på onlinetjänstkontot {account}. Online Services Managers med adresser i den får nu registreringarnas tjänster etablerade på det här kontot utan aktiveringsmeddelande.\n\nOm det inte var avsikten kan en administratör ta bort domänen.\n\n[Öppna onlinetjänster]({url})',
    },
  },
  domainRemoved: {
    subject: {
      en: 'Domain {domain} removed from {account}',
      sv: 'Domänen {domain} har tagits bort från {account}',
    },
    body: {
      en: 'Hello,\n\n{by} removed the domain {domain} from the online services account {account}. Services ordered from now on for Online Services Managers with addresses on it are no longer provisioned to this account automatically; they receive an activation mail instead.\n\n[Open online services]({url})',
      sv: 'Hej,\n\n{by} har tagit bort domänen {domain} från onlinetjänstkontot {account}. Tjänster som beställs härefter för Online Services Managers med adresser i den etableras inte längre automatiskt på det här kontot; de får ett aktiveringsmeddelande i stället.\n\n[Öppna onlinetjänster]({url})',
    },
  },
  activationConfirmed: {
    subject: {
      en: 'Online services of {licensingNumber} are activated',
      sv: 'Onlinetjänsterna för {licensingNumber} är aktiverade',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher has provisioned the online services of {licensingName} ({licensingNumber}) to the account {account}; they now show as activated.\n\n[Open online services]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har etablerat onlinetjänsterna för {licensingName} ({licensingNumber}) på kontot {account}; de visas nu som aktiverade.\n\n[Öppna onlinetjänster]({url})',
    },
  },
  subscriptionsDeprovisioned: {
    subject: {
      en: 'Subscriptions of {licensingNumber} removed after the grace period',
      sv: 'Prenumerationer för {licensingNumber} har tagits bort efter respitperioden',
    },
    body: {
      en: 'Hello {firstName},\n\nThe grace period of the subscriptions of {licensingName} ({licensingNumber}) on the account {account} ended on {graceEndsOn}; they have been de-provisioned and their data will be deleted. The subscriptions of the renewed enrollment stay active.\n\n[Open online services]({url})',
      sv: 'Hej {firstName},\n\nRespitperioden för prenumerationerna under {licensingName} ({licensingNumber}) på kontot {account} slutade {graceEndsOn}; de har avetablerats och deras data tas bort. Prenumerationerna i den förnyade registreringen förblir aktiva.\n\n[Öppna onlinetjänster]({url})',
    },
  },
});

/** Why services went to an account without a mail (R-OS-4, R-OS-6), in each language. */
export const PROVISION_REASONS = {
  en: {
    AUTO_DOMAIN: 'the mail domain of the Online Services Manager is verified on that account.',
    AUTO_ADMIN: 'the Online Services Manager is a global or billing administrator of that account.',
    RENEWAL: 'the enrollment renews one under the same organization name that was linked to that account.',
    ALREADY_LINKED: 'the enrollment is already linked to that account.',
  },
  sv: {
    AUTO_DOMAIN: 'e-postdomänen för Online Services Manager är verifierad på det kontot.',
    AUTO_ADMIN: 'Online Services Manager är global administratör eller faktureringsadministratör för det kontot.',
    RENEWAL: 'registreringen förnyar en registrering med samma organisationsnamn som var kopplad till det kontot.',
    ALREADY_LINKED: 'registreringen är redan kopplad till det kontot.',
  },
} as const;
