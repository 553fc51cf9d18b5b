import type { Locale } from '../i18n/locale.js';

/** Who is calling: passed first to every service call. */
export interface Actor {
  userId: string;
  organizationId: string;
  email: string;
  locale: Locale;
  isOperator: boolean;
  /** `scim`: an organization's directory (userId is then the SCIM token's id); it may only sync the directory. */
  /**
   * `provider`: a training provider's API credential (R-SA-5); userId is then the provider's id and
   * organizationId empty (a provider belongs to no customer organization); it may only redeem vouchers.
   */
  via: 'session' | 'token' | 'scim' | 'provider';
  requestId: string;
}

/**
 * A kind of Bearer credential a module issues and resolves itself (a training provider's), told
 * apart by its prefix; the guard then decides what its actor may do.
 */
export interface BearerCredential {
  prefix: string;
  resolve(bearer: string, requestId: string): Promise<Actor | null>;
}
