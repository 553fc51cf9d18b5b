import { z } from 'zod';
import { rolesAllow } from '../../../platform/authz/actions.js';
import type { Role } from '../../../platform/authz/roles.js';
import { isOpenProgram } from '../../relationship/rules.js';
import { normalizeLicenseNumber } from '../add-open/rules.js';

/** R-PERM-13: the web-form requests about keys that support handles by exception. */
export const KEY_REQUEST_KINDS = ['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS'] as const;
export type KeyRequestKind = (typeof KEY_REQUEST_KINDS)[number];

const Number_ = z.string().trim().min(1).max(40);

/**
 * R-PERM-13: the five things every key request must carry — the agreement/enrollment number or the
 * license and authorization numbers, the product with version and edition, the key's last five
 * characters, the number of activations wanted, and the business justification.
 */
export const KeyRequestSchema = z
  .object({
    kind: z.enum(KEY_REQUEST_KINDS),
    licensingId: z.uuid(),
    agreementNumber: Number_.optional(),
    licenseNumber: Number_.optional(),
    authorizationNumber: Number_.optional(),
    product: z.object({
      name: z.string().trim().min(1).max(200),
      version: z.string().trim().min(1).max(40),
      edition: z.string().trim().min(1).max(80),
    }),
    keyLastFive: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{5}$/, 'the last 5 characters of the product key')
      .transform((s) => s.toUpperCase()),
    activationsWanted: z.number().int().min(1).max(1_000_000),
    justification: z.string().trim().min(1).max(4000),
  })
  .superRefine((v, ctx) => {
    const byAgreement = v.agreementNumber !== undefined;
    const byLicense = v.licenseNumber !== undefined || v.authorizationNumber !== undefined;
    if (byAgreement === byLicense) {
      ctx.addIssue({
        code: 'custom',
        path: ['agreementNumber'],
        message: 'give either the agreement/enrollment number or the license and authorization numbers',
      });
    } else if (byLicense && (v.licenseNumber === undefined || v.authorizationNumber === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.licenseNumber === undefined ? 'licenseNumber' : 'authorizationNumber'],
        message: 'the license number and the authorization number go together',
      });
    }
  });
export type KeyRequestInput = z.infer<typeof KeyRequestSchema>;

/** What the request is checked against: the Licensing ID it names. */
export interface KeyRequestTarget {
  programCode: string;
  number: string;
  authorizationNumber: string | null;
  /** The parent program agreement's number, which customers often quote instead of the enrollment's. */
  parentAgreementNumber: string | null;
}

export type KeyRequestRefusal = 'KEY_REQUEST_NUMBER_MISMATCH' | 'KMS_EXCEPTION_OPEN_ONLY';

/**
 * The checks beyond the form's shape: the numbers given must name the Licensing ID the request is
 * about, and a KMS exception is only for Open customers (their keys are MAK by default).
 */
export function keyRequestRefusal(input: KeyRequestInput, target: KeyRequestTarget): KeyRequestRefusal | null {
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    a != null && b != null && normalizeLicenseNumber(a) === normalizeLicenseNumber(b);
  const named =
    input.agreementNumber !== undefined
      ? same(input.agreementNumber, target.number) || same(input.agreementNumber, target.parentAgreementNumber)
      : same(input.licenseNumber, target.number) && same(input.authorizationNumber, target.authorizationNumber);
  if (!named) return 'KEY_REQUEST_NUMBER_MISMATCH';
  if (input.kind === 'KMS_EXCEPTION_OPEN' && !isOpenProgram(target.programCode)) return 'KMS_EXCEPTION_OPEN_ONLY';
  return null;
}

/** R-PERM-13: the Administrator or the Product Keys role on the Licensing ID (the `keys.request` action). */
export function mayRequestKeys(roles: readonly Role[]): boolean {
  return rolesAllow(roles, 'keys.request');
}
