import { z } from 'zod';

export const SecondFactorMethodSchema = z.enum(['totp', 'passkey', 'recovery']);

export const SecondStepSchema = z
  .object({
    purpose: z
      .enum(['verify', 'enrol'])
      .describe('verify: prove one of the methods; enrol: the organization requires a second factor, set one up first'),
    methods: z.array(SecondFactorMethodSchema),
    challenge: z.string().describe('Send it with the second step; valid until expiresAt. It is not a session.'),
    expiresAt: z.date(),
  })
  .describe('The password was right; the second step is needed before a session starts');

/** The token of the second step, as the password step handed it out. */
export const Challenge = z.string().trim().min(20).max(100);

export const TotpCode = z.string().trim().min(6).max(12).describe('Six digits from the authenticator app (spaces allowed)');
export const RecoveryCodeInput = z.string().trim().min(10).max(20).describe('One of the recovery codes, e.g. abcde-fghjk');
export const PasskeyName = z.string().trim().min(1).max(60);
export const Password = z.string().min(1).max(200);

const b64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, 'base64url');

/** What @simplewebauthn/browser's startRegistration() returns (bounded; the library checks the rest). */
export const RegistrationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports: z
      .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
      .max(10)
      .optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
});

/** What @simplewebauthn/browser's startAuthentication() returns. */
export const AuthenticationResponseSchema = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

/** WebAuthn options for the browser, passed to @simplewebauthn/browser as they are. */
export const WebauthnOptionsSchema = z
  .record(z.string(), z.unknown())
  .describe('PublicKeyCredential options (JSON) for @simplewebauthn/browser');

export const PasskeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

export const RecoveryCodesSchema = z
  .array(z.string())
  .nullable()
  .describe('Shown once: a new set of single-use recovery codes (null when the existing set is kept)');

export const SecurityOverviewSchema = z.object({
  applies: z.boolean().describe("false: the account signs in through its organization's identity provider, whose MFA applies"),
  organizationRequires: z.boolean(),
  passkeysAvailable: z.boolean().describe('false when PUBLIC_URL is an IP address (browsers need a host name for passkeys)'),
  totp: z.object({ setUpAt: z.date() }).nullable(),
  passkeys: z.array(PasskeySchema),
  recoveryCodes: z.object({ left: z.number().int(), createdAt: z.date().nullable() }),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(SecondStepSchema, { id: 'SecondStep' });
z.globalRegistry.add(PasskeySchema, { id: 'Passkey' });
z.globalRegistry.add(SecurityOverviewSchema, { id: 'SecurityOverview' });
