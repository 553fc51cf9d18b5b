import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Schemas } from './client';
import type { Locale } from './types';

// ---- Registration from an invitation (R-ID-2, R-ID-3) -------------------------------------------

export type InvitationInfo = Schemas['Invitation'];

export const invitationQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation', token] as const,
    queryFn: () => answer(api.GET('/api/v1/auth/invitations/{token}', { params: { path: { token } } })),
    enabled: token.length > 0,
    retry: false,
  });

export const register = (body: Body<'/api/v1/auth/register', 'post'>) => answer(api.POST('/api/v1/auth/register', { body }));

export const resendInvitation = (token: string) => answer(api.POST('/api/v1/auth/invitations/resend', { body: { token } }));

// ---- E-mail verification (R-ID-3) ---------------------------------------------------------------

export const verifyEmail = (token: string) => answer(api.POST('/api/v1/auth/verify-email', { body: { token } }));

export const resendVerification = (token: string) => answer(api.POST('/api/v1/auth/verify-email/resend', { body: { token } }));

// ---- Self sign-up (R-ID-4, R-ID-7) --------------------------------------------------------------

/** The same answer whether or not the address already had an account: the mail tells which (finding 9). */
export const signUp = (body: Body<'/api/v1/auth/sign-up', 'post'>) => answer(api.POST('/api/v1/auth/sign-up', { body }));

// ---- Single sign-on ------------------------------------------------------------------------------

/** The address that starts single sign-on; the browser navigates there and is redirected to the provider. */
export const ssoStartUrl = (email: string, returnTo: string) =>
  href('/api/v1/auth/sso/start', { query: new URLSearchParams({ email, returnTo }) });

// ---- Profile and personal API tokens ------------------------------------------------------------

export type PersonalToken = Schemas['PersonalToken'];

export const updateMe = (body: { locale: Locale }) => answer(api.PATCH('/api/v1/me', { body }));

export const personalTokensQuery = queryOptions({
  queryKey: ['me', 'tokens'] as const,
  queryFn: () => answer(api.GET('/api/v1/me/tokens')),
});

export const createPersonalToken = (body: { name: string; expiresInDays: number }) => answer(api.POST('/api/v1/me/tokens', { body }));

export const revokePersonalToken = (tokenId: string) =>
  answer(api.DELETE('/api/v1/me/tokens/{tokenId}', { params: { path: { tokenId } } }));

// ---- Organization settings (R-ID-4, R-ID-7), SSO and SCIM ----------------------------------------

export type OrganizationSettings = Schemas['OrganizationSettings'];
export type SsoSettings = Schemas['SsoSettings'];
export type ScimToken = Schemas['ScimToken'];

export const organizationQueryKey = ['organization'] as const;

/** The signed-in administrator's organization; 403 (FORBIDDEN) for everybody else. */
export const organizationQuery = queryOptions({
  queryKey: organizationQueryKey,
  queryFn: () => answer(api.GET('/api/v1/organization')),
  retry: false,
  staleTime: 60_000,
});

export const updateOrganization = (body: Body<'/api/v1/organization', 'patch'>) => answer(api.PATCH('/api/v1/organization', { body }));

export const ssoSettingsQuery = queryOptions({
  queryKey: ['organization', 'sso'] as const,
  queryFn: () => answer(api.GET('/api/v1/organization/sso')),
  retry: false,
});

export const saveSsoSettings = (body: Body<'/api/v1/organization/sso', 'put'>) => answer(api.PUT('/api/v1/organization/sso', { body }));

export const removeSsoSettings = () => answer(api.DELETE('/api/v1/organization/sso'));

export const scimTokensQuery = queryOptions({
  queryKey: ['organization', 'scim-tokens'] as const,
  queryFn: () => answer(api.GET('/api/v1/organization/scim-tokens')),
  retry: false,
});

export const createScimToken = (name: string) => answer(api.POST('/api/v1/organization/scim-tokens', { body: { name } }));

export const revokeScimToken = (tokenId: string) =>
  answer(api.DELETE('/api/v1/organization/scim-tokens/{tokenId}', { params: { path: { tokenId } } }));

// ---- Operator mail outbox ----------------------------------------------------------------------

export type OutboxMail = Schemas['OutboxMail'];

export const OUTBOX_PAGE = 50;
export const OUTBOX_MAX = 200;

export const outboxQuery = (to: string, limit: number) =>
  queryOptions({
    queryKey: ['operator', 'mail', to, limit] as const,
    queryFn: () => answer(api.GET('/api/v1/operator/mail', { params: { query: { limit, to: to || undefined } } })),
  });

export const outboxHtmlUrl = (mailId: number) => href('/api/v1/operator/mail/{mailId}/html', { path: { mailId } });

/** Whether this deployment offers the outbox at all (only without SMTP). */
export const outboxViewerQuery = queryOptions({
  queryKey: ['operator', 'mail', 'viewer'] as const,
  queryFn: () => answer(api.GET('/api/v1/operator/mail/viewer')),
  staleTime: 10 * 60_000,
  retry: false,
});

// ---- Second factor: the sign-in's second step and the user's own factors ---------------------------

/** After a right password, when a second factor is needed: a token for the next step (not a session). */
export type SecondStep = Schemas['SecondStep'];
export type SecondFactorMethod = SecondStep['methods'][number];
export type TotpSetup = Schemas['TotpSetup'];
export type Passkey = Schemas['Passkey'];
export type SecurityOverview = Schemas['SecurityOverview'];

export const signInWithPassword = (email: string, password: string) =>
  answer(api.POST('/api/v1/auth/sign-in', { body: { email, password } }));

export type SecondStepProof =
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON };

// The server hands @simplewebauthn/server's options through as they are (an object in the document):
// their shape is the library's, which the browser half of the same library reads.
const creationOptions = (options: Promise<object>) => options as Promise<PublicKeyCredentialCreationOptionsJSON>;
const requestOptions = (options: Promise<object>) => options as Promise<PublicKeyCredentialRequestOptionsJSON>;

/** The library's answers as the JSON they are (its interfaces lack the index signature an open JSON object has). */
const credential = <R extends { clientExtensionResults: object }>({ clientExtensionResults, ...rest }: R) => ({
  ...rest,
  clientExtensionResults: { ...clientExtensionResults },
});
/**
 * The library types a passkey's `transports` as any strings; the server takes the seven WebAuthn
 * names and refuses others (VALIDATION_FAILED). Browsers report those names, so this is asserted.
 */
const registration = (r: RegistrationResponseJSON) => credential(r) as Body<'/api/v1/me/security/passkeys', 'post'>['response'];

export const signInPasskeyOptions = (challenge: string) =>
  requestOptions(answer(api.POST('/api/v1/auth/sign-in/passkey-options', { body: { challenge } })));

export const completeSecondStep = (challenge: string, proof: SecondStepProof) =>
  answer(
    api.POST('/api/v1/auth/sign-in/second-factor', {
      body: proof.method === 'passkey' ? { challenge, ...proof, response: credential(proof.response) } : { challenge, ...proof },
    }),
  );

export const enrolTotpAtSignIn = (challenge: string) => answer(api.POST('/api/v1/auth/sign-in/enrol/totp', { body: { challenge } }));

export const enrolPasskeyOptionsAtSignIn = (challenge: string) =>
  creationOptions(answer(api.POST('/api/v1/auth/sign-in/enrol/passkey-options', { body: { challenge } })));

export type EnrolmentProof = { method: 'totp'; code: string } | { method: 'passkey'; name: string; response: RegistrationResponseJSON };

export const completeEnrolment = (challenge: string, proof: EnrolmentProof) =>
  answer(
    api.POST('/api/v1/auth/sign-in/enrol', {
      body: proof.method === 'passkey' ? { challenge, ...proof, response: registration(proof.response) } : { challenge, ...proof },
    }),
  );

export const securityQuery = queryOptions({
  queryKey: ['me', 'security'] as const,
  queryFn: () => answer(api.GET('/api/v1/me/security')),
});

export const startTotp = () => answer(api.POST('/api/v1/me/security/totp'));

export const confirmTotp = (code: string) => answer(api.POST('/api/v1/me/security/totp/confirm', { body: { code } }));

export const removeTotp = (password: string) => answer(api.DELETE('/api/v1/me/security/totp', { body: { password } }));

export const passkeyRegistrationOptions = () => creationOptions(answer(api.POST('/api/v1/me/security/passkeys/options')));

export const addPasskey = (name: string, response: RegistrationResponseJSON) =>
  answer(api.POST('/api/v1/me/security/passkeys', { body: { name, response: registration(response) } }));

export const renamePasskey = (passkeyId: string, name: string) =>
  answer(api.PATCH('/api/v1/me/security/passkeys/{passkeyId}', { params: { path: { passkeyId } }, body: { name } }));

export const removePasskey = (passkeyId: string, password: string) =>
  answer(api.DELETE('/api/v1/me/security/passkeys/{passkeyId}', { params: { path: { passkeyId } }, body: { password } }));

export const regenerateRecoveryCodes = (password: string) => answer(api.POST('/api/v1/me/security/recovery-codes', { body: { password } }));
