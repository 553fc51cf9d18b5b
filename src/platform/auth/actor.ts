import type { Locale } from '../i18n/locale.js';

/** Who is calling: passed first to every service call. */
export interface Actor {
  userId: string;
  organizationId: string;
  email: string;
  locale: Locale;
  isOperator: boolean;
  /** `scim`: an organization's directory (userId is then the SCIM token's id); it may only sync the directory. */
  via: 'session' | 'token' | 'scim';
  requestId: string;
}
