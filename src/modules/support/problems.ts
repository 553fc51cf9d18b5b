import { defineProblems } from '../../platform/i18n/problems.js';

/** R-SUP-1, R-SUP-2: the contact form, its attachments and the conversation on a request. */
export const SUPPORT_PROBLEMS = defineProblems({
  SUPPORT_LICENSING_ID_UNKNOWN: {
    en: 'The Licensing ID is not one you can see. Choose one of yours, or none for a general question.',
    sv: 'Licens-ID:t är inte ett som du kan se. Välj ett av dina, eller inget för en allmän fråga.',
  },
  SUPPORT_IMAGING_VERIFICATION_REQUIRED: {
    en: 'A Windows upgrade imaging request needs your written verification that each machine has a qualifying Windows base license, and the number of machines.',
    sv: 'En begäran om avbildning med Windows-uppgradering kräver din skriftliga bekräftelse på att varje dator har en kvalificerande Windows-baslicens, och antalet datorer.',
  },
  SUPPORT_IMAGING_NOT_APPLICABLE: {
    en: 'A base-license verification belongs only to a Windows upgrade imaging request.',
    sv: 'En bekräftelse av baslicenser hör bara till en begäran om avbildning med Windows-uppgradering.',
  },
  SUPPORT_TOO_MANY_ATTACHMENTS: {
    en: 'The request has more attachments than allowed.',
    sv: 'Begäran har fler bilagor än tillåtet.',
  },
  SUPPORT_ATTACHMENT_TOO_LARGE: {
    en: 'An attachment is larger than allowed.',
    sv: 'En bilaga är större än tillåtet.',
  },
  SUPPORT_ATTACHMENT_EMPTY: {
    en: 'An attachment is empty.',
    sv: 'En bilaga är tom.',
  },
  SUPPORT_ATTACHMENT_TYPE_REFUSED: {
    en: 'An attachment is not of an accepted type (PDF, PNG, JPEG, text, CSV or ZIP), or its content does not match its type.',
    sv: 'En bilaga har inte en godkänd typ (PDF, PNG, JPEG, text, CSV eller ZIP), eller så stämmer innehållet inte med typen.',
  },
  SUPPORT_ATTACHMENT_NAME_INVALID: {
    en: 'An attachment’s file name may not contain path separators, "..", control characters or a leading dot.',
    sv: 'En bilagas filnamn får inte innehålla sökvägsavgränsare, "..", styrtecken eller en inledande punkt.',
  },
  SUPPORT_REQUEST_CLOSED: {
    en: 'This support request is closed. Send a new request if you need more help.',
    sv: 'Den här supportbegäran är stängd. Skicka en ny begäran om du behöver mer hjälp.',
  },
});
