import { z } from 'zod';
import { KeyTypeSchema } from '../keys/schemas.js';
import { DAILY_DAYS_MAX } from './rules.js';

const Fingerprint = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:+/=-]+$/, 'letters, digits and . _ : + / = -')
  .describe("the machine's stable identifier, e.g. a hash of its machine id");

const machine = {
  fingerprint: Fingerprint,
  hostname: z.string().trim().max(253).optional(),
  machineKind: z.enum(['PHYSICAL', 'VIRTUAL']).default('PHYSICAL').describe('R-KEY-3: both use an activation'),
};

const keyFields = {
  productKey: z.string().trim().min(1).max(64).describe('XXXXX-XXXXX-XXXXX-XXXXX-XXXXX; case, spaces and dashes do not matter'),
  productCode: z.string().trim().min(1).max(64).describe('the product code of the installed software'),
};

export const ActivationBody = z.object({ ...keyFields, ...machine });

export const proxyBody = (maxMachines: number) => z.object({ ...keyFields, machines: z.array(z.object(machine)).min(1).max(maxMachines) });

export const KmsHostBody = z.object({
  ...keyFields,
  ...machine,
  hostPublicKey: z
    .string()
    .trim()
    .min(40)
    .max(200)
    .regex(/^[A-Za-z0-9+/=]+$/)
    .describe("the host's Ed25519 public key, SPKI DER in base64: its clients' grants are signed with it"),
});

/** Mutations a client may retry honour an Idempotency-Key. */
export const IdempotencyHeaders = z.looseObject({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });

const Count = z.object({ used: z.number().int(), limit: z.number().int() });

const Certificate = z
  .string()
  .describe('LSC1.<payload>.<Ed25519 signature>, checked offline with GET /api/v1/activation/public-key: the description says how');

export const ActivationResponse = z.object({
  status: z.enum(['ACTIVATED', 'ALREADY_ACTIVATED']),
  activationId: z.uuid(),
  certificate: Certificate,
  activatedAt: z.date(),
  activations: Count,
});

const HowToRequestMore = z.object({
  kind: z.enum(['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS']),
  url: z.string(),
  method: z.literal('POST'),
  roles: z.array(z.string()),
  requiredFields: z.array(z.string()),
  keyLastFive: z.string(),
});

export const ProxyResponse = z.object({
  results: z.array(
    z.object({
      fingerprint: z.string(),
      status: z.enum(['ACTIVATED', 'ALREADY_ACTIVATED', 'REFUSED']),
      activationId: z.uuid().optional(),
      certificate: Certificate.optional(),
      code: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
  activations: Count,
  howToRequestMore: HowToRequestMore.optional(),
});

export const KmsHostResponse = z.object({
  status: z.literal('ACTIVATED'),
  hostId: z.uuid(),
  certificate: Certificate,
  hosts: Count,
  hostActivations: Count,
});

export const PublicKeyResponse = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKeyPem: z.string(),
});

export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().trim().max(200).optional(),
});

export const HistoryResponse = z.object({
  key: z.object({ id: z.uuid(), type: KeyTypeSchema, lastFive: z.string(), activations: Count }),
  items: z.array(
    z.object({
      id: z.uuid(),
      fingerprint: z.string(),
      hostname: z.string().nullable(),
      machineKind: z.enum(['PHYSICAL', 'VIRTUAL']),
      method: z.enum(['INDEPENDENT', 'PROXY', 'REDEMPTION', 'KMS_HOST']),
      activatedAt: z.date(),
      hostActivations: z.number().int().nullable(),
      lastActivatedAt: z.date().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const DailyQuery = z.object({
  days: z.coerce.number().int().min(1).max(DAILY_DAYS_MAX).default(30).describe('how many days back, today included (UTC days)'),
});

export const DailyResponse = z.object({
  key: z.object({ id: z.uuid(), type: KeyTypeSchema, lastFive: z.string() }),
  days: z.array(z.object({ day: z.string().describe('YYYY-MM-DD (UTC)'), count: z.number().int() })),
});
