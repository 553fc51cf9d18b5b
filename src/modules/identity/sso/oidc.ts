/**
 * The network side of SSO: talking to an organization's OpenID Connect provider through
 * openid-client, and keeping its client secret sealed at rest. Never called inside a transaction.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { DomainError } from '../../../platform/errors.js';
import { type OutboundFetch, outboundRefusal } from '../../../platform/net/outbound.js';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export const SSO_SCOPE = 'openid email profile';

export interface ProviderNetwork {
  /** Development only: plain http issuers. */
  allowInsecureHttp: boolean;
  /**
   * The platform's outbound client: the issuer is an address an organization's Administrator
   * typed, so discovery and every later request (token, userinfo, keys) go through the check
   * that refuses loopback, private and link-local targets (SSRF).
   */
  fetch: OutboundFetch;
}

/**
 * Reads the issuer's discovery document (and checks it names the same issuer). Plain http is
 * refused unless the deployment allows it for development. The returned configuration keeps
 * the guarded fetch for all its later requests.
 */
export async function discoverProvider(p: ProviderSettings, net: ProviderNetwork, timeoutSeconds = 10): Promise<oidc.Configuration> {
  try {
    return await oidc.discovery(new URL(p.issuer), p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), {
      execute: net.allowInsecureHttp ? [oidc.allowInsecureRequests] : [],
      timeout: timeoutSeconds,
      [oidc.customFetch]: (url, options) => net.fetch(url, options as RequestInit),
    });
  } catch (err) {
    const refused = outboundRefusal(err);
    if (refused) {
      throw new DomainError('OUTBOUND_ADDRESS_REFUSED', 400, refused.message, {
        host: refused.host,
        reason: refused.addressClass,
      });
    }
    throw new DomainError(
      'OIDC_DISCOVERY_FAILED',
      400,
      `The discovery document of ${p.issuer} could not be used: ${(err as Error).message}`,
    );
  }
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
  url: URL;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  loginHint: string,
): Promise<AuthorizationRequest> {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SSO_SCOPE,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    login_hint: loginHint,
  });
  return { state, nonce, codeVerifier, url };
}

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  givenName: string | null;
  familyName: string | null;
}

const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/**
 * Checks the authorization response (state, issuer), exchanges the code with the PKCE verifier and
 * validates the ID token (signature, issuer, audience, nonce). Claims missing from the ID token
 * are read from the userinfo endpoint, for the same subject. A refusal by the provider itself
 * (`access_denied`: the account is not in the organization's directory) is E04 (R-ID-4).
 */
export async function completeSignIn(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedIdentity> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    if (err instanceof oidc.AuthorizationResponseError && err.error === 'access_denied') {
      throw new DomainError('E04', 403, `The identity provider refused the account: ${err.error_description ?? err.error}`);
    }
    throw new DomainError('SSO_FAILED', 502, `The identity provider's answer was not accepted: ${(err as Error).message}`);
  }
  const claims = tokens.claims();
  if (!claims) throw new DomainError('SSO_FAILED', 502, 'The identity provider sent no ID token.');
  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== 'string') {
    try {
      source = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    } catch (err) {
      throw new DomainError('SSO_FAILED', 502, `The identity provider's userinfo could not be read: ${(err as Error).message}`);
    }
  }
  const verified = source.email_verified;
  return {
    subject: claims.sub,
    email: text(source.email, 254)?.toLowerCase() ?? null,
    emailVerified: typeof verified === 'boolean' ? verified : verified === 'false' ? false : null,
    givenName: text(source.given_name, 100),
    familyName: text(source.family_name, 100),
  };
}

/** AES-256-GCM under the deployment's key-encryption key: a copied database does not yield the client secret. */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

export function openSecret(key: Buffer, sealed: string): string {
  const [version, iv = '', tag = '', body = ''] = sealed.split(':');
  if (version !== 'v1') throw new Error('Unknown sealed-secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
