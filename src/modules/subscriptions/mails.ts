import { defineMails } from '../../platform/mail/templates.js';

/**
 * R-PERM-2 (Subscriptions Manager): the person a subscription is assigned to gets instructions in
 * the language chosen for them; one whose subscription ends (reassigned or removed) is told.
 */
export const subscriptionMails = defineMails({
  subscriptionAssigned: {
    subject: {
      en: 'Your {product} subscription from {organization}',
      sv: 'Din prenumeration på {product} från {organization}',
    },
    body: {
      en: 'Hello {name},\n\n{organization} has assigned you a subscription to {product}.\n\nTo start using it, sign in to the subscriber portal with this work address ({email}), accept the subscription and follow the steps there to download the software and get your product keys. The subscription is yours alone: do not share your sign-in.\n\nIf you do not need it, tell your Subscriptions Manager so that it can go to someone else.',
      sv: 'Hej {name},\n\n{organization} har tilldelat dig en prenumeration på {product}.\n\nLogga in på prenumerantportalen med den här jobbadressen ({email}), godkänn prenumerationen och följ stegen där för att ladda ned programvaran och hämta dina produktnycklar. Prenumerationen är bara din: dela inte din inloggning.\n\nOm du inte behöver den, säg till din prenumerationsansvarige så att den kan gå till någon annan.',
    },
  },
  subscriptionEnded: {
    subject: {
      en: 'Your {product} subscription from {organization} has ended',
      sv: 'Din prenumeration på {product} från {organization} har upphört',
    },
    body: {
      en: 'Hello {name},\n\n{organization} has ended your subscription to {product}. You can no longer use its downloads, product keys or benefits; save any work that depends on them.\n\nAsk your Subscriptions Manager if you expected to keep it.',
      sv: 'Hej {name},\n\n{organization} har avslutat din prenumeration på {product}. Du kan inte längre använda dess nedladdningar, produktnycklar eller förmåner; spara arbete som är beroende av dem.\n\nFråga din prenumerationsansvarige om du räknade med att behålla den.',
    },
  },
});
