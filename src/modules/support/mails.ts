import { defineMails } from '../../platform/mail/templates.js';

/**
 * R-SUP-1: the requester hears that the request arrived (with the answer promise) and every answer;
 * the publisher's support address hears of every new request and every reply by the requester, in
 * the language SUPPORT_MAIL_LOCALE names. A reply's files are named after its message.
 */
export const supportMails = defineMails({
  supportRequestReceived: {
    subject: {
      en: 'We received your support request {reference}: {subject}',
      sv: 'Vi har tagit emot din supportbegäran {reference}: {subject}',
    },
    body: {
      en: 'Hello {firstName},\n\nThank you for contacting support. Your request {reference} ({topic}) about {licensingId} was received on {submittedAt}.\n\nWe answer web requests within {hours} hours, by {dueAt}. You will get the answer by mail and in the portal.\n\n[See your request]({url})',
      sv: 'Hej {firstName},\n\nTack för att du kontaktade supporten. Din begäran {reference} ({topic}) om {licensingId} togs emot {submittedAt}.\n\nVi besvarar webbförfrågningar inom {hours} timmar, senast {dueAt}. Du får svaret via e-post och i portalen.\n\n[Se din begäran]({url})',
    },
  },
  supportRequestAnswered: {
    subject: {
      en: 'Support answered your request {reference}: {subject}',
      sv: 'Supporten har svarat på din begäran {reference}: {subject}',
    },
    body: {
      en: 'Hello {firstName},\n\nSupport answered your request {reference} ({topic}):\n\n{message}{attachments}\n\n{next}\n\n[Open your request]({url})',
      sv: 'Hej {firstName},\n\nSupporten har svarat på din begäran {reference} ({topic}):\n\n{message}{attachments}\n\n{next}\n\n[Öppna din begäran]({url})',
    },
  },
  supportRequestClosed: {
    subject: {
      en: 'Your support request {reference} was closed',
      sv: 'Din supportbegäran {reference} har stängts',
    },
    body: {
      en: 'Hello {firstName},\n\nYour support request {reference} ({subject}) was closed by {closedBy}. If you need more help, send a new request.\n\n[See your requests]({url})',
      sv: 'Hej {firstName},\n\nDin supportbegäran {reference} ({subject}) har stängts av {closedBy}. Skicka en ny begäran om du behöver mer hjälp.\n\n[Se dina begäranden]({url})',
    },
  },
  supportQueueNewRequest: {
    subject: {
      en: 'New support request {reference} from {organization}: {subject}',
      sv: 'Ny supportbegäran {reference} från {organization}: {subject}',
    },
    body: {
      en: '{requester} of {organization} sent a support request ({topic}) about {licensingId}. Answer by {dueAt}.\n\n{description}\n\n{imaging}\n\nAttachments: {attachments}\n\n[Open the request]({url})',
      sv: '{requester} på {organization} har skickat en supportbegäran ({topic}) om {licensingId}. Svara senast {dueAt}.\n\n{description}\n\n{imaging}\n\nBilagor: {attachments}\n\n[Öppna begäran]({url})',
    },
  },
  supportQueueCustomerReply: {
    subject: {
      en: 'Reply on support request {reference} from {organization}: {subject}',
      sv: 'Svar på supportbegäran {reference} från {organization}: {subject}',
    },
    body: {
      en: '{requester} of {organization} replied on request {reference}. Answer by {dueAt}.\n\n{message}{attachments}\n\n[Open the request]({url})',
      sv: '{requester} på {organization} har svarat på begäran {reference}. Svara senast {dueAt}.\n\n{message}{attachments}\n\n[Öppna begäran]({url})',
    },
  },
  supportQueueClosedByRequester: {
    subject: {
      en: 'Support request {reference} from {organization} was closed by the requester',
      sv: 'Supportbegäran {reference} från {organization} har stängts av den som skickade den',
    },
    body: {
      en: '{requester} of {organization} closed request {reference} ({subject}).\n\n[Open the request]({url})',
      sv: '{requester} på {organization} har stängt begäran {reference} ({subject}).\n\n[Öppna begäran]({url})',
    },
  },
});

/** The topics as mails name them, in each language. */
export const TOPIC_LABELS = {
  SIGN_IN: { en: 'Sign-in and registration', sv: 'Inloggning och registrering' },
  PERMISSIONS: { en: 'Permissions and users', sv: 'Behörigheter och användare' },
  LICENSING_INFO: { en: 'Licensing information and reports', sv: 'Licensinformation och rapporter' },
  DOWNLOADS: { en: 'Downloads', sv: 'Nedladdningar' },
  PRODUCT_KEYS: { en: 'Product keys', sv: 'Produktnycklar' },
  ACTIVATION: { en: 'Activation', sv: 'Aktivering' },
  SOFTWARE_ASSURANCE: { en: 'Software Assurance benefits', sv: 'Software Assurance-förmåner' },
  WINDOWS_UPGRADE_IMAGING: { en: 'Windows upgrade imaging', sv: 'Avbildning med Windows-uppgradering' },
  OTHER: { en: 'Other question', sv: 'Annan fråga' },
} as const;

/** Words the mails fill in, in each language. */
export const SUPPORT_WORDS = {
  noLicensingId: { en: 'no particular Licensing ID', sv: 'inget särskilt licens-ID' },
  noAttachments: { en: 'none', sv: 'inga' },
  attachments: { en: 'Attachments: {names}', sv: 'Bilagor: {names}' },
  waitingForYou: {
    en: 'Support is waiting for your reply: answer in the portal.',
    sv: 'Supporten väntar på ditt svar: svara i portalen.',
  },
  replyIfNeeded: {
    en: 'If this does not solve it, reply in the portal.',
    sv: 'Om detta inte löser det kan du svara i portalen.',
  },
  support: { en: 'support', sv: 'supporten' },
  imaging: {
    en: 'Windows upgrade imaging: {name} verified in writing on {at} that each of the {machines} machines has a qualifying Windows base license.',
    sv: 'Avbildning med Windows-uppgradering: {name} bekräftade skriftligen {at} att var och en av de {machines} datorerna har en kvalificerande Windows-baslicens.',
  },
} as const;
