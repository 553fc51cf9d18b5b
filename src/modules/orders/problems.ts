import { defineProblems } from '../../platform/i18n/problems.js';
import type { LineErrorCode } from './rules.js';
import { MAX_LINES_PER_ORDER, MAX_ORDER_NUMBER_LENGTH } from './schemas.js';

/** R-BC-7: order ingestion; R-LIC-1: the License Summary. */
export const ORDERS_PROBLEMS = defineProblems({
  ORDER_INVALID: {
    en: 'The order was not recorded: some lines are not valid. Nothing was written.',
    sv: 'Ordern registrerades inte: några rader är ogiltiga. Inget sparades.',
  },
  ORDER_NUMBER_CONFLICT: {
    en: 'An order with this number was already recorded with different content. Orders cannot be changed.',
    sv: 'En order med det här numret har redan registrerats med annat innehåll. Order kan inte ändras.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This Idempotency-Key was already used for a different request.',
    sv: 'Den här Idempotency-Key har redan använts för en annan begäran.',
  },
});

/** The reason for each rejected order line, in every language (the `errors[].message` of ORDER_INVALID). */
export const ORDER_LINE_MESSAGES: Record<LineErrorCode, { en: string; sv: string }> = {
  UNKNOWN_LICENSING_ID: {
    en: 'No Licensing ID with this program and number.',
    sv: 'Det finns inget licens-ID med det här programmet och numret.',
  },
  UNKNOWN_CHOICE: {
    en: 'Not one of the values this field takes (order type: NEW, ADD_ON, RENEWAL, TRUE_UP; PO status: OPEN, INVOICED, CLOSED).',
    sv: 'Inget av de värden fältet tar (ordertyp: NEW, ADD_ON, RENEWAL, TRUE_UP; inköpsorderstatus: OPEN, INVOICED, CLOSED).',
  },
  UNKNOWN_PRODUCT: { en: 'No product with this code in the catalog.', sv: 'Det finns ingen produkt med den här koden i katalogen.' },
  QUANTITY_NOT_POSITIVE: { en: 'The quantity must be a whole number above zero.', sv: 'Antalet måste vara ett heltal större än noll.' },
  COVERAGE_END_BEFORE_START: {
    en: 'The coverage ends before it starts.',
    sv: 'Täckningen slutar innan den börjar.',
  },
  COVERAGE_END_REQUIRED: {
    en: 'This license type needs a coverage end date.',
    sv: 'Den här licenstypen behöver ett slutdatum för täckningen.',
  },
  INVALID_DATE: { en: 'Not a date (YYYY-MM-DD).', sv: 'Inte ett datum (ÅÅÅÅ-MM-DD).' },
  INVALID_NUMBER: { en: 'Not a whole number.', sv: 'Inte ett heltal.' },
  INVALID_FLAG: { en: 'Not yes or no.', sv: 'Inte ja eller nej.' },
  UNKNOWN_LICENSE_TYPE: {
    en: 'Not a volume-licensing license type (Full, Upgrade, L&SA, SA, SA Step-Up, Subscription, Online service).',
    sv: 'Inte en licenstyp för volymlicensiering (Full, Upgrade, L&SA, SA, SA Step-Up, Subscription, Online service).',
  },
  MISSING_VALUE: { en: 'This value is required.', sv: 'Värdet krävs.' },
  ORDER_HEADER_MISMATCH: {
    en: 'The rows of one order must name the same order date and Licensing ID.',
    sv: 'Raderna i en order måste ange samma orderdatum och licens-ID.',
  },
  ORDER_NUMBER_TOO_LONG: {
    en: `An order number has at most ${MAX_ORDER_NUMBER_LENGTH} characters.`,
    sv: `Ett ordernummer har högst ${MAX_ORDER_NUMBER_LENGTH} tecken.`,
  },
  TOO_MANY_LINES: {
    en: `An order has at most ${MAX_LINES_PER_ORDER} lines; this row and those after it are too many.`,
    sv: `En order har högst ${MAX_LINES_PER_ORDER} rader; den här raden och de som följer är för många.`,
  },
};
