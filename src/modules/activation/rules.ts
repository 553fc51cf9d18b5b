import type { KeyType } from '../keys/rules.js';
import type { KeyRequestKind } from '../permissions/key-requests/rules.js';

/** Where an activation request came in. */
export type Endpoint = 'INDEPENDENT' | 'PROXY' | 'KMS_HOST';

export interface KeyFacts {
  type: KeyType;
  productCode: string;
  licensingStatus: string;
  /** 'YYYY-MM-DD' or null (no end). */
  licensingEndDate: string | null;
}

export type KeyRefusal =
  | { code: 'KEY_TYPE_MISMATCH'; detail: string }
  | { code: 'KEY_PRODUCT_MISMATCH'; detail: string }
  | { code: 'KEY_LICENSING_ID_EXPIRED'; detail: string };

/**
 * Whether this key may be used for this request at all, before anything is counted: the key type
 * must suit the endpoint (a setup key is never activated, R-KEY-2; a KMS host key activates hosts,
 * R-KEY-5), the product must be the key's, and its Licensing ID must not have expired. R-KEY-8:
 * which of the organization's Licensing IDs the machine is licensed under is not asked.
 */
export function keyRefusal(key: KeyFacts, request: { productCode: string; endpoint: Endpoint }, today: string): KeyRefusal | null {
  if (key.type === 'SETUP') {
    return { code: 'KEY_TYPE_MISMATCH', detail: 'A setup key unlocks the installation and bypasses activation: it is not activated.' };
  }
  if (key.type === 'KMS_HOST' && request.endpoint !== 'KMS_HOST') {
    return { code: 'KEY_TYPE_MISMATCH', detail: 'A KMS host key activates KMS hosts (POST /api/v1/kms-hosts/activate), not machines.' };
  }
  if (key.type !== 'KMS_HOST' && request.endpoint === 'KMS_HOST') {
    return {
      code: 'KEY_TYPE_MISMATCH',
      detail: 'Only a KMS host key activates a KMS host; activate machines at POST /api/v1/activations.',
    };
  }
  if (key.type === 'OSA' && request.endpoint === 'PROXY') {
    return { code: 'KEY_TYPE_MISMATCH', detail: 'An Online Service Activation key is redeemed once, at POST /api/v1/activations.' };
  }
  if (key.productCode.trim().toUpperCase() !== request.productCode.trim().toUpperCase()) {
    return { code: 'KEY_PRODUCT_MISMATCH', detail: `This key is for product ${key.productCode}, not ${request.productCode}.` };
  }
  if (key.licensingStatus === 'EXPIRED' || (key.licensingEndDate !== null && key.licensingEndDate < today)) {
    return { code: 'KEY_LICENSING_ID_EXPIRED', detail: 'The Licensing ID this key was issued under has expired.' };
  }
  return null;
}

/** R-PERM-13: the fields the request form needs, for the refusal to say how to ask for more (R-KEY-3). */
export const KEY_REQUEST_FIELDS = [
  'agreementNumber | licenseNumber + authorizationNumber',
  'product.name, product.version, product.edition',
  'keyLastFive',
  'activationsWanted',
  'justification',
] as const;

export interface HowToRequestMore {
  kind: KeyRequestKind;
  url: string;
  method: 'POST';
  roles: string[];
  requiredFields: string[];
  keyLastFive: string;
}

export function howToRequestMore(kind: KeyRequestKind, publicUrl: string, keyLastFive: string): HowToRequestMore {
  return {
    kind,
    url: `${publicUrl}/api/v1/key-requests`,
    method: 'POST',
    roles: ['ADMINISTRATOR', 'PRODUCT_KEYS'],
    requiredFields: [...KEY_REQUEST_FIELDS],
    keyLastFive,
  };
}

/** How many days back the activations-per-day chart may look. */
export const DAILY_DAYS_MAX = 366;

/** 'YYYY-MM-DD' of an instant, in UTC: the days of the activations chart are UTC days. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** The last `days` UTC days up to and including today (`now` passed in), oldest first, as 'YYYY-MM-DD'. */
export function lastDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => utcDay(new Date(today - (days - 1 - i) * 86_400_000)));
}
