import { defineProblems } from '../../platform/i18n/problems.js';

/** R-KEY-3 … R-KEY-5: why an activation was refused. Counts are never changed by a refusal. */
export const ACTIVATION_PROBLEMS = defineProblems({
  KEY_MALFORMED: {
    en: 'This is not a product key: a key has 25 characters in five groups of five. Check for a mistyped character.',
    sv: 'Det här är inte en produktnyckel: en nyckel har 25 tecken i fem grupper om fem. Kontrollera om något tecken är felskrivet.',
  },
  KEY_UNKNOWN: {
    en: 'No such product key has been issued.',
    sv: 'Ingen sådan produktnyckel har utfärdats.',
  },
  KEY_PRODUCT_MISMATCH: {
    en: 'This key is for another product.',
    sv: 'Den här nyckeln gäller en annan produkt.',
  },
  KEY_TYPE_MISMATCH: {
    en: 'This type of key is not activated this way.',
    sv: 'Den här typen av nyckel aktiveras inte på det här sättet.',
  },
  KEY_LICENSING_ID_EXPIRED: {
    en: 'The agreement this key was issued under has expired; its keys no longer activate.',
    sv: 'Avtalet som nyckeln utfärdades under har löpt ut; dess nycklar aktiverar inte längre.',
  },
  MAK_LIMIT_REACHED: {
    en: 'This MAK has no activations left. An Administrator or Product Keys user can request more activations.',
    sv: 'Den här MAK-nyckeln har inga aktiveringar kvar. En administratör eller en användare med rollen Produktnycklar kan begära fler aktiveringar.',
  },
  OSA_KEY_REDEEMED: {
    en: 'This Online Service Activation key has already been redeemed; it can be used once.',
    sv: 'Den här nyckeln för aktivering av onlinetjänster har redan lösts in; den kan bara användas en gång.',
  },
  KMS_HOST_LIMIT_REACHED: {
    en: 'This KMS host key has activated all the KMS hosts it allows. An Administrator or Product Keys user can request more hosts.',
    sv: 'Den här KMS-värdnyckeln har aktiverat alla KMS-värdar den tillåter. En administratör eller en användare med rollen Produktnycklar kan begära fler värdar.',
  },
  KMS_HOST_REACTIVATION_LIMIT: {
    en: 'This KMS host has used all its activations with this key.',
    sv: 'Den här KMS-värden har använt alla sina aktiveringar med nyckeln.',
  },
  HOST_KEY_INVALID: {
    en: "The KMS host's public key is not an Ed25519 public key.",
    sv: 'KMS-värdens offentliga nyckel är inte en offentlig Ed25519-nyckel.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This Idempotency-Key was already used for a different request.',
    sv: 'Den här Idempotency-Key har redan använts för en annan begäran.',
  },
});
