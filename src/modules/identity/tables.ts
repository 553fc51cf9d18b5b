import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { localeEnum } from '../../platform/tables.js';

export const userStatusEnum = pgEnum('user_status', ['invited', 'active', 'deactivated', 'removed']);

export const organization = pgTable('organization', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** ISO 3166 alpha-2; fixed once sign-up completes (R-ID-7). */
  country: text('country').notNull(),
  /** Where the organization is: the SA Summary lists it per Licensing ID (R-SA-3). */
  city: text('city'),
  /** Work-account domains of the organization (R-ID-1), lower case. */
  domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
  /** R-ID-4 E03: the organization's administrator can turn self sign-up off. */
  selfSignUp: boolean('self_sign_up').notNull().default(true),
  /** R-ID-4 E02/E05: domains whose users may not sign up on their own (invitation only). */
  restrictedDomains: text('restricted_domains').array().notNull().default(sql`'{}'::text[]`),
  /** R-ID-4 E04: when set, a work account must exist in the organization's directory (SCIM or SSO) to sign up. */
  directoryRequired: boolean('directory_required').notNull().default(false),
  /** Password users must sign in with a second factor (TOTP or a passkey); SSO users keep their provider's MFA. */
  requireSecondFactor: boolean('require_second_factor').notNull().default(false),
  /** The publisher's own organization: its users are operators of the service center. */
  isPublisher: boolean('is_publisher').notNull().default(false),
  /** A channel partner: it sells to customers and serves them as partner of record (its details are the partners module's). */
  isChannelPartner: boolean('is_channel_partner').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const user = pgTable(
  'user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    email: text('email').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    passwordHash: text('password_hash'),
    /** R-ID-4 E06: a personal address once linked to this work account; signing in with it names the work account. */
    personalEmail: text('personal_email'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /** Subject of the user at the organization's OIDC provider, once signed in through SSO. */
    ssoSubject: text('sso_subject'),
    locale: localeEnum('locale').notNull().default('en'),
    status: userStatusEnum('status').notNull().default('active'),
    isOperator: boolean('is_operator').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_email_key').on(sql`lower(${t.email})`),
    index('user_org_idx').on(t.organizationId),
    index('user_personal_email_idx').on(sql`lower(${t.personalEmail})`),
  ],
);

export const session = pgTable(
  'session',
  {
    /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const apiToken = pgTable(
  'api_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, so a user can tell tokens apart without the secret. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_token_user_idx').on(t.userId)],
);

/** R-ID-2: access starts with an invitation; its link expires (14 days by default) and can be re-sent. */
export const invitation = pgTable(
  'invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    sentCount: integer('sent_count').notNull().default(1),
  },
  (t) => [index('invitation_user_idx').on(t.userId)],
);

/**
 * R-ID-3: registering with an address other than the agreement's sends a link to the agreement's
 * address; the grants wait (inactive) until it is followed.
 */
export const emailVerification = pgTable(
  'email_verification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    address: text('address').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The role_grant ids activated when the link is followed. */
    grantIds: uuid('grant_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('email_verification_user_idx').on(t.userId)],
);

/** An organization's OIDC identity provider for SSO sign-in. */
export const oidcProvider = pgTable('oidc_provider', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .unique()
    .references(() => organization.id),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecret: text('client_secret').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A sign-in through SSO in flight: state, nonce and PKCE verifier between redirect and callback. */
export const ssoState = pgTable('sso_state', {
  state: text('state').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organization.id),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull().default('/'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Tokens an organization's directory uses for SCIM provisioning (R-ID-6: removal takes effect at once). */
export const scimToken = pgTable('scim_token', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organization.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** The organization's directory as its identity system last told us (SCIM, or SSO sign-ins): R-ID-4 E04, R-ID-6. */
export const directoryEntry = pgTable(
  'directory_entry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    email: text('email').notNull(),
    externalId: text('external_id'),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set by a SCIM DELETE: the resource is gone for the directory (RFC 7644 §3.6, 404 from then
     * on), while the row stays, inactive, so E04 still answers the address (R-ID-4, R-ID-6).
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('directory_entry_key').on(t.organizationId, sql`lower(${t.email})`)],
);

/**
 * A mailed "choose a new password" link (account recovery). Only the SHA-256 of its secret is
 * stored; it works once and briefly (PASSWORD_RESET_TTL_MINUTES), and a newer link retires it.
 */
export const passwordReset = pgTable(
  'password_reset',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** The Administrator who sent the link from Manage Users; null when the user asked for it. */
    sentBy: uuid('sent_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_reset_user_idx').on(t.userId)],
);

// ---- Second factor of password accounts (src/modules/identity/mfa) --------------------------------

/** An authenticator app (TOTP, RFC 6238): at most one per user, pending until a first code confirms it. */
export const totpFactor = pgTable('totp_factor', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  /** The shared secret, sealed under the key-encryption key and bound to the user id. */
  secretSealed: text('secret_sealed').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The time step of the last code accepted: a code of that step or an earlier one is refused (replay). */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A WebAuthn credential (passkey or security key) registered as a second factor. */
export const passkey = pgTable(
  'passkey',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** base64url credential id, as the browser reports it. */
    credentialId: text('credential_id').notNull().unique(),
    /** base64url COSE public key. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter, for detecting cloned authenticators. */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkey_user_idx').on(t.userId)],
);

/** Single-use recovery codes: only a keyed hash is stored; a new set replaces the old one. */
export const recoveryCode = pgTable(
  'recovery_code',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recovery_code_key').on(t.userId, t.codeHash)],
);

export const secondStepPurposeEnum = pgEnum('second_step_purpose', ['verify', 'enrol']);

/**
 * The second step of a sign-in after a correct password: not a session. `verify`: the user proves a
 * factor; `enrol`: the organization requires one and the user sets it up first. Only the SHA-256
 * of the token is stored.
 */
export const secondStepChallenge = pgTable(
  'second_step_challenge',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    purpose: secondStepPurposeEnum('purpose').notNull(),
    /** The WebAuthn challenge handed out for this step, once the browser asked for one. */
    webauthnChallenge: text('webauthn_challenge'),
    clientAddress: text('client_address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('second_step_challenge_user_idx').on(t.userId)],
);

/** A passkey registration in flight: the WebAuthn challenge between the options and the browser's answer. */
export const passkeyRegistration = pgTable(
  'passkey_registration',
  {
    challenge: text('challenge').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('passkey_registration_user_idx').on(t.userId)],
);
