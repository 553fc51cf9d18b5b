import { defineMails } from '../../platform/mail/templates.js';

/**
 * R-SA-2: the publisher's hold (HAR) and its end reach the Licensing ID's Administrators and SA
 * Managers. R-SA-5: an employee gets their training voucher, in the language chosen for them, and
 * hears, as do the benefit's managers, when a training provider redeems it. R-SA-6: a
 * benefit user gets the benefit's instructions the same way. R-SA-4: an employee removed from the
 * e-Learning participants is told, in the language they joined in.
 */
export const saMails = defineMails({
  benefitHeld: {
    subject: {
      en: '{benefit} on {licensingId} is on hold',
      sv: '{benefit} på {licensingId} är pausad',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher has put the Software Assurance benefit {benefit} of {licensingName} ({licensingId}) on hold (HAR, hold awaiting reactivation). It cannot be used or activated until the hold is lifted; you will get a mail then.\n\nThe publisher’s reason: {reason}\n\n[Open the benefits]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har pausat Software Assurance-förmånen {benefit} för {licensingName} ({licensingId}) (HAR, väntar på återaktivering). Den kan inte användas eller aktiveras förrän pausen hävs; du får ett e-postmeddelande då.\n\nUtgivarens anledning: {reason}\n\n[Öppna förmånerna]({url})',
    },
  },
  benefitReleased: {
    subject: {
      en: 'The hold on {benefit} for {licensingId} was lifted',
      sv: 'Pausen för {benefit} på {licensingId} har hävts',
    },
    body: {
      en: 'Hello {firstName},\n\nThe publisher has lifted the hold on the Software Assurance benefit {benefit} of {licensingName} ({licensingId}). It is back to the status it had before.\n\nThe publisher’s reason: {reason}\n\n[Open the benefits]({url})',
      sv: 'Hej {firstName},\n\nUtgivaren har hävt pausen för Software Assurance-förmånen {benefit} för {licensingName} ({licensingId}). Den har åter den status den hade tidigare.\n\nUtgivarens anledning: {reason}\n\n[Öppna förmånerna]({url})',
    },
  },
  voucherAssigned: {
    subject: {
      en: 'Your training voucher from {organization}: {days} days',
      sv: 'Din utbildningsvoucher från {organization}: {days} dagar',
    },
    body: {
      en: 'Hello {name},\n\n{organization} has assigned you a Software Assurance training voucher for {days} days of training, valid until {validUntil}.\n\nYour voucher number: **{voucher}**\n\nTo use it, choose a course from an authorized training provider and give them the voucher number when you book. The provider redeems it; it can be used once. Keep the number to yourself: anyone holding it can book with it.',
      sv: 'Hej {name},\n\n{organization} har tilldelat dig en utbildningsvoucher från Software Assurance för {days} dagars utbildning, giltig till {validUntil}.\n\nDitt vouchernummer: **{voucher}**\n\nVälj en kurs hos en auktoriserad utbildningsleverantör och uppge vouchernumret när du bokar. Leverantören löser in det; det kan användas en gång. Dela inte numret: den som har det kan boka med det.',
    },
    secret: ['voucher'],
  },
  voucherCancelled: {
    subject: {
      en: 'Your training voucher from {organization} was cancelled',
      sv: 'Din utbildningsvoucher från {organization} har annullerats',
    },
    body: {
      en: 'Hello {name},\n\n{organization} has cancelled your training voucher for {days} days. It can no longer be used; ask your Software Assurance manager if you expected to keep it.',
      sv: 'Hej {name},\n\n{organization} har annullerat din utbildningsvoucher för {days} dagar. Den kan inte längre användas; fråga din Software Assurance-ansvarige om du räknade med att behålla den.',
    },
  },
  voucherRedeemed: {
    subject: {
      en: 'Your training voucher was redeemed at {provider}',
      sv: 'Din utbildningsvoucher har lösts in hos {provider}',
    },
    body: {
      en: 'Hello {name},\n\nYour training voucher from {organization} for {days} days was redeemed at {provider} on {at} UTC. It is now used and cannot be used again.\n\nIf you did not book this training, tell your Software Assurance manager at once.',
      sv: 'Hej {name},\n\nDin utbildningsvoucher från {organization} för {days} dagar löstes in hos {provider} den {at} UTC. Den är nu förbrukad och kan inte användas igen.\n\nOm du inte har bokat den här utbildningen, säg till din Software Assurance-ansvarige genast.',
    },
  },
  voucherRedeemedManagers: {
    subject: {
      en: 'A training voucher on {licensingId} was redeemed',
      sv: 'En utbildningsvoucher på {licensingId} har lösts in',
    },
    body: {
      en: 'Hello {firstName},\n\nThe training voucher of {employee} for {days} days on {licensingName} ({licensingId}) was redeemed at {provider} on {at} UTC. Its days are used.\n\n[Open the training vouchers]({url})',
      sv: 'Hej {firstName},\n\nUtbildningsvouchern för {employee} på {days} dagar för {licensingName} ({licensingId}) löstes in hos {provider} den {at} UTC. Dagarna är förbrukade.\n\n[Öppna utbildningsvoucherna]({url})',
    },
  },
  elearningParticipantRemoved: {
    subject: {
      en: 'Your e-Learning place with {organization} was removed',
      sv: 'Din plats i e-learning hos {organization} har tagits bort',
    },
    body: {
      en: 'Hello,\n\n{organization} has removed {email} from the participants of its Software Assurance e-Learning. The courses you registered for with the access code are no longer paid for by it; ask your Software Assurance manager if you expected to keep your place. You may join again with the access code while your address is on an eligible domain.',
      sv: 'Hej,\n\n{organization} har tagit bort {email} från deltagarna i sin e-learning från Software Assurance. Kurserna du registrerade dig för med åtkomstkoden betalas inte längre av organisationen; fråga din Software Assurance-ansvarige om du räknade med att behålla platsen. Du kan gå med igen med åtkomstkoden så länge din adress finns på en berättigad domän.',
    },
  },
  benefitUserInstructions: {
    subject: {
      en: 'How to use {benefit} from {organization}',
      sv: 'Så använder du {benefit} från {organization}',
    },
    body: {
      en: 'Hello {name},\n\n{organization} has made you a user of the Software Assurance benefit {benefit}.\n\nTo use it, sign in to the benefit’s site with this work address, choose the product you may use, and follow the steps there to download and install it. For the Home Use Program that is a copy of Microsoft Office for your home computer, at a low cost.\n\nIf you leave the organization or no longer need it, tell your Software Assurance manager so the place can go to someone else.',
      sv: 'Hej {name},\n\n{organization} har gjort dig till användare av Software Assurance-förmånen {benefit}.\n\nLogga in på förmånens webbplats med den här jobbadressen, välj produkten du får använda och följ stegen där för att ladda ned och installera den. För Home Use Program är det ett exemplar av Microsoft Office för din hemdator, till lågt pris.\n\nOm du lämnar organisationen eller inte längre behöver den, säg till din Software Assurance-ansvarige så att platsen kan gå till någon annan.',
    },
  },
});

/** The benefits as the mails name them, in each language. */
export const BENEFIT_NAMES = {
  en: {
    SUPPORT_24X7: '24x7 Problem Resolution Support',
    E_LEARNING: 'e-Learning',
    HOME_USE_PROGRAM: 'Home Use Program',
    PLANNING_SERVICES: 'Planning Services',
    TRAINING_VOUCHERS: 'Training Vouchers',
    GLOBAL_SERVICE_MONITOR: 'Global Service Monitor',
    MULTI_LANGUAGE_PACK: 'Multi-Language Pack',
    THIN_PC: 'Windows Thin PC',
    DYNAMICS_CUSTOMERSOURCE: 'Dynamics CustomerSource',
  },
  sv: {
    SUPPORT_24X7: 'Problemlösningssupport dygnet runt',
    E_LEARNING: 'e-learning',
    HOME_USE_PROGRAM: 'Home Use Program',
    PLANNING_SERVICES: 'Planeringstjänster',
    TRAINING_VOUCHERS: 'Utbildningsvouchers',
    GLOBAL_SERVICE_MONITOR: 'Global Service Monitor',
    MULTI_LANGUAGE_PACK: 'Multi-Language Pack',
    THIN_PC: 'Windows Thin PC',
    DYNAMICS_CUSTOMERSOURCE: 'Dynamics CustomerSource',
  },
} as const;
