import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Locale, Me } from './types';

/** R-ID-5: the address looks like a shared mailbox (a warning, never a refusal). */
export type AddressWarning = 'SHARED_MAILBOX';

// ---- Registration from an invitation (R-ID-2, R-ID-3) -------------------------------------------

export interface InvitationInfo {
  status: 'valid' | 'expired' | 'replaced' | 'used';
  email: string;
  firstName: string;
  lastName: string;
  organization: { name: string };
  invitedBy: { name: string } | null;
  expiresAt: string;
  warnings?: AddressWarning[];
}

export interface Registered {
  userId: string;
  email: string;
  pendingVerification: boolean;
  verificationSentTo: string | null;
  warnings: AddressWarning[];
}

export const invitationQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation', token] as const,
    queryFn: () => api<InvitationInfo>('GET', `/auth/invitations/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
  });

export const invitationInfo = (token: string) => api<InvitationInfo>('GET', `/auth/invitations/${encodeURIComponent(token)}`);

export const register = (body: { token: string; firstName: string; lastName: string; password: string; email?: string; locale?: Locale }) =>
  api<Registered>('POST', '/auth/register', body);

export interface Sent {
  sentTo: string;
  expiresAt: string;
}

export const resendInvitation = (token: string) => api<Sent>('POST', '/auth/invitations/resend', { token });

// ---- E-mail verification (R-ID-3) ---------------------------------------------------------------

export interface Verified {
  userId: string;
  email: string;
  address: string;
  activatedGrants: number;
}

export const verifyEmail = (token: string) => api<Verified>('POST', '/auth/verify-email', { token });

export const resendVerification = (token: string) => api<Sent>('POST', '/auth/verify-email/resend', { token });

// ---- Self sign-up (R-ID-4, R-ID-7) --------------------------------------------------------------

/** The same answer whether or not the address already had an account: the mail tells which (finding 9). */
export interface SignedUp {
  email: string;
  organization: { name: string; country: string };
  warnings: AddressWarning[];
}

export const signUp = (body: { email: string; firstName: string; lastName: string; password: string; country: string; locale: Locale }) =>
  api<SignedUp>('POST', '/auth/sign-up', body);

// ---- Single sign-on ------------------------------------------------------------------------------

/** The address that starts single sign-on; the browser navigates there and is redirected to the provider. */
export const ssoStartUrl = (email: string, returnTo: string) =>
  `/api/v1/auth/sso/start?email=${encodeURIComponent(email)}&returnTo=${encodeURIComponent(returnTo)}`;

// ---- Profile and personal API tokens ------------------------------------------------------------

export const updateMe = (body: { locale: Locale }) => api<Me>('PATCH', '/me', body);

export interface PersonalToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt?: string | null;
}

export const personalTokensQuery = queryOptions({
  queryKey: ['me', 'tokens'] as const,
  queryFn: () => api<{ items: PersonalToken[] }>('GET', '/me/tokens'),
});

export const createPersonalToken = (body: { name: string; expiresInDays: number }) =>
  api<PersonalToken & { token: string }>('POST', '/me/tokens', body);

export const revokePersonalToken = (tokenId: string) => api<void>('DELETE', `/me/tokens/${encodeURIComponent(tokenId)}`);

// ---- Organization settings (R-ID-4, R-ID-7), SSO and SCIM ----------------------------------------

export interface OrganizationSettings {
  id: string;
  name: string;
  country: string;
  countryFixed: boolean;
  domains: string[];
  selfSignUp: boolean;
  restrictedDomains: string[];
  directoryRequired: boolean;
  /** Password users sign in with a second factor (set up at their next sign-in). */
  requireSecondFactor: boolean;
}

export const organizationQueryKey = ['organization'] as const;

/** The signed-in administrator's organization; 403 (FORBIDDEN) for everybody else. */
export const organizationQuery = queryOptions({
  queryKey: organizationQueryKey,
  queryFn: () => api<OrganizationSettings>('GET', '/organization'),
  retry: false,
  staleTime: 60_000,
});

export const updateOrganization = (body: {
  selfSignUp?: boolean;
  restrictedDomains?: string[];
  directoryRequired?: boolean;
  requireSecondFactor?: boolean;
}) => api<OrganizationSettings>('PATCH', '/organization', body);

export interface SsoSettings {
  provider: { issuer: string; clientId: string; enabled: boolean; createdAt: string } | null;
  redirectUri: string;
}

export const ssoSettingsQuery = queryOptions({
  queryKey: ['organization', 'sso'] as const,
  queryFn: () => api<SsoSettings>('GET', '/organization/sso'),
  retry: false,
});

export const saveSsoSettings = (body: { issuer: string; clientId: string; clientSecret?: string; enabled: boolean }) =>
  api<SsoSettings>('PUT', '/organization/sso', body);

export const removeSsoSettings = () => api<void>('DELETE', '/organization/sso');

export interface ScimToken {
  id: string;
  name: string;
  createdAt: string;
}

export const scimTokensQuery = queryOptions({
  queryKey: ['organization', 'scim-tokens'] as const,
  queryFn: () => api<{ items: ScimToken[]; scimBaseUrl: string }>('GET', '/organization/scim-tokens'),
  retry: false,
});

export const createScimToken = (name: string) =>
  api<ScimToken & { token: string; scimBaseUrl: string }>('POST', '/organization/scim-tokens', { name });

export const revokeScimToken = (tokenId: string) => api<void>('DELETE', `/organization/scim-tokens/${encodeURIComponent(tokenId)}`);

// ---- Operator mail outbox ----------------------------------------------------------------------

export interface OutboxMail {
  id: number;
  createdAt: string;
  toAddress: string;
  template: string;
  locale: Locale;
  subject: string;
  text: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

export const OUTBOX_PAGE = 50;
export const OUTBOX_MAX = 200;

export const outboxQuery = (to: string, limit: number) =>
  queryOptions({
    queryKey: ['operator', 'mail', to, limit] as const,
    queryFn: () => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (to) params.set('to', to);
      return api<{ items: OutboxMail[] }>('GET', `/operator/mail?${params.toString()}`);
    },
  });

export const outboxHtmlUrl = (mailId: number) => `/api/v1/operator/mail/${mailId}/html`;

/** Whether this deployment offers the outbox at all (only without SMTP). */
export const outboxViewerQuery = queryOptions({
  queryKey: ['operator', 'mail', 'viewer'] as const,
  queryFn: () => api<{ available: boolean; delivery: 'smtp' | 'outbox' }>('GET', '/operator/mail/viewer'),
  staleTime: 10 * 60_000,
  retry: false,
});

// ---- Second factor: the sign-in's second step and the user's own factors ---------------------------

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery';

/** After a right password, when a second factor is needed: a token for the next step (not a session). */
export interface SecondStep {
  /** verify: prove a factor; enrol: the organization requires one and the user sets it up first. */
  purpose: 'verify' | 'enrol';
  methods: SecondFactorMethod[];
  challenge: string;
  expiresAt: string;
}

export type PasswordStepAnswer = { user: Me } | { secondStep: SecondStep };

export const signInWithPassword = (email: string, password: string) =>
  api<PasswordStepAnswer>('POST', '/auth/sign-in', { email, password });

export type SecondStepProof =
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON };

export const signInPasskeyOptions = (challenge: string) =>
  api<PublicKeyCredentialRequestOptionsJSON>('POST', '/auth/sign-in/passkey-options', { challenge });

export const completeSecondStep = (challenge: string, proof: SecondStepProof) =>
  api<{ user: Me }>('POST', '/auth/sign-in/second-factor', { challenge, ...proof });

export interface TotpSetup {
  secret: string;
  uri: string;
}

export const enrolTotpAtSignIn = (challenge: string) => api<TotpSetup>('POST', '/auth/sign-in/enrol/totp', { challenge });

export const enrolPasskeyOptionsAtSignIn = (challenge: string) =>
  api<PublicKeyCredentialCreationOptionsJSON>('POST', '/auth/sign-in/enrol/passkey-options', { challenge });

export type EnrolmentProof = { method: 'totp'; code: string } | { method: 'passkey'; name: string; response: RegistrationResponseJSON };

export const completeEnrolment = (challenge: string, proof: EnrolmentProof) =>
  api<{ user: Me; recoveryCodes: string[] | null }>('POST', '/auth/sign-in/enrol', { challenge, ...proof });

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface SecurityOverview {
  /** false: the account signs in through its organization's identity provider, whose MFA applies. */
  applies: boolean;
  organizationRequires: boolean;
  passkeysAvailable: boolean;
  totp: { setUpAt: string } | null;
  passkeys: Passkey[];
  recoveryCodes: { left: number; createdAt: string | null };
}

export const securityQuery = queryOptions({
  queryKey: ['me', 'security'] as const,
  queryFn: () => api<SecurityOverview>('GET', '/me/security'),
});

export const startTotp = () => api<TotpSetup>('POST', '/me/security/totp');

export const confirmTotp = (code: string) => api<{ recoveryCodes: string[] | null }>('POST', '/me/security/totp/confirm', { code });

export const removeTotp = (password: string) => api<void>('DELETE', '/me/security/totp', { password });

export const passkeyRegistrationOptions = () => api<PublicKeyCredentialCreationOptionsJSON>('POST', '/me/security/passkeys/options');

export const addPasskey = (name: string, response: RegistrationResponseJSON) =>
  api<{ passkey: Passkey; recoveryCodes: string[] | null }>('POST', '/me/security/passkeys', { name, response });

export const renamePasskey = (passkeyId: string, name: string) =>
  api<Passkey>('PATCH', `/me/security/passkeys/${encodeURIComponent(passkeyId)}`, { name });

export const removePasskey = (passkeyId: string, password: string) =>
  api<void>('DELETE', `/me/security/passkeys/${encodeURIComponent(passkeyId)}`, { password });

export const regenerateRecoveryCodes = (password: string) =>
  api<{ recoveryCodes: string[] }>('POST', '/me/security/recovery-codes', { password });
