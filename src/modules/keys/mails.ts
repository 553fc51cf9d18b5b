import { defineMails } from '../../platform/mail/templates.js';

/** Never the key itself: a mail is not a safe place for it (R-KEY-9); the link leads to the Product Keys page. */
export const keysMails = defineMails({
  keysIssued: {
    subject: {
      en: 'New product keys for {licensingId}',
      sv: 'Nya produktnycklar för {licensingId}',
    },
    body: {
      en: 'Hello {firstName},\n\n{count} new product key(s) were issued for {licensingName} ({licensingId}) of {organization}. You see them on the Product Keys page, and can download them as a file from there.\n\n[Open Product Keys]({url})',
      sv: 'Hej {firstName},\n\n{count} nya produktnycklar har utfärdats för {licensingName} ({licensingId}) hos {organization}. Du ser dem på sidan Produktnycklar och kan ladda ned dem som en fil därifrån.\n\n[Öppna Produktnycklar]({url})',
    },
  },
  // R-PERM-13: the requester hears when the request is queued and when it is decided.
  keyRequestReceived: {
    subject: {
      en: 'We received your request about the key ending {keyLastFive}',
      sv: 'Vi har tagit emot din begäran om nyckeln som slutar på {keyLastFive}',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request ({kind}) for {product} on {licensingId} was received: {activationsWanted} wanted. Reference: {reference}.\n\nThe publisher decides requests by exception; you will get a mail either way.\n\n[See your requests]({url})',
      sv: 'Hej {firstName},\n\nDin begäran ({kind}) för {product} på {licensingId} har tagits emot: {activationsWanted} önskade. Referens: {reference}.\n\nUtgivaren beslutar om sådana begäranden som undantag; du får ett e-postmeddelande i båda fallen.\n\n[Se dina begäranden]({url})',
    },
  },
  keyRequestApproved: {
    subject: {
      en: 'Your request about the key ending {keyLastFive} was approved',
      sv: 'Din begäran om nyckeln som slutar på {keyLastFive} har godkänts',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {reference} ({kind}) for {product} on {licensingId} was approved. The key ending {keyLastFive} now allows {limit} in all, {granted} more than before.\n\n{note}\n\n[Open Product Keys]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {reference} ({kind}) för {product} på {licensingId} har godkänts. Nyckeln som slutar på {keyLastFive} tillåter nu {limit} totalt, {granted} fler än tidigare.\n\n{note}\n\n[Öppna Produktnycklar]({url})',
    },
  },
  kmsKeyIssued: {
    subject: {
      en: 'A KMS host key was issued for {licensingId}',
      sv: 'En KMS-värdnyckel har utfärdats för {licensingId}',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {reference} for a KMS key by exception for {product} on {licensingId} was approved. The new KMS host key ends with {keyLastFive} and activates up to {limit}.\n\n{note}\n\n[Open Product Keys]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {reference} om en KMS-nyckel som undantag för {product} på {licensingId} har godkänts. Den nya KMS-värdnyckeln slutar på {keyLastFive} och aktiverar upp till {limit}.\n\n{note}\n\n[Öppna Produktnycklar]({url})',
    },
  },
  keyRequestDenied: {
    subject: {
      en: 'Your request about the key ending {keyLastFive} was not approved',
      sv: 'Din begäran om nyckeln som slutar på {keyLastFive} godkändes inte',
    },
    body: {
      en: 'Hello {firstName},\n\nYour request {reference} ({kind}) for {product} on {licensingId} was not approved.\n\n{note}\n\nYou can send a new request with more detail in the business justification.\n\n[See your requests]({url})',
      sv: 'Hej {firstName},\n\nDin begäran {reference} ({kind}) för {product} på {licensingId} godkändes inte.\n\n{note}\n\nDu kan skicka en ny begäran med en utförligare affärsmotivering.\n\n[Se dina begäranden]({url})',
    },
  },
});

/** The request kinds as the mails name them, in each language. */
export const KEY_REQUEST_KIND_LABELS = {
  MORE_MAK_ACTIVATIONS: { en: 'more MAK activations', sv: 'fler MAK-aktiveringar' },
  KMS_EXCEPTION_OPEN: { en: 'a KMS key by exception', sv: 'en KMS-nyckel som undantag' },
  MORE_KMS_HOSTS: { en: 'more KMS hosts', sv: 'fler KMS-värdar' },
} as const;

/** What the limit counts, per key type, for the approval mail ("{limit} activations"). */
export const LIMIT_UNITS = {
  MAK: { en: 'activations', sv: 'aktiveringar' },
  KMS_HOST: { en: 'KMS hosts', sv: 'KMS-värdar' },
} as const;
