import { defineProblems } from '../../platform/i18n/problems.js';

/** R-KEY-1, R-KEY-2, R-PERM-13: issuing keys and the requests about them. */
export const KEYS_PROBLEMS = defineProblems({
  KEY_ALREADY_ISSUED: {
    en: 'This Licensing ID already has a key of this type for this product.',
    sv: 'Det här licens-ID:t har redan en nyckel av den här typen för produkten.',
  },
  KEY_NOT_REQUIRED: {
    en: 'This product needs no product key (a Client Access License or a product without activation).',
    sv: 'Den här produkten behöver ingen produktnyckel (en klientåtkomstlicens eller en produkt utan aktivering).',
  },
  KEY_REQUEST_KEY_UNKNOWN: {
    en: 'No key of the right type on this Licensing ID ends with these five characters.',
    sv: 'Ingen nyckel av rätt typ på det här licens-ID:t slutar med de här fem tecknen.',
  },
  KEY_REQUEST_DECIDED: {
    en: 'This request has already been decided.',
    sv: 'Den här begäran har redan avgjorts.',
  },
});
