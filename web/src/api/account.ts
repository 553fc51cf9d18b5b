import { queryOptions } from '@tanstack/react-query';
import type { UserDetail } from './administration';
import { api } from './client';

// ---- Forgot password and the mailed link (public) -----------------------------------------------

/** The same answer whether or not the address has an account: how long a mailed link works. */
export const requestPasswordReset = (email: string) => api<{ expiresInMinutes: number }>('POST', '/auth/password-reset/request', { email });

/** Whether a reset link still works, and whose password it sets; uses nothing up. */
export const checkResetLink = (token: string) => api<{ email: string; expiresAt: string }>('POST', '/auth/password-reset/check', { token });

export const resetPassword = (token: string, password: string) =>
  api<{ email: string }>('POST', '/auth/password-reset', { token, password });

// ---- The signed-in user's password --------------------------------------------------------------

export interface PasswordStatus {
  hasPassword: boolean;
  singleSignOn: boolean;
}

export const passwordStatusQuery = queryOptions({
  queryKey: ['me', 'password'] as const,
  queryFn: () => api<PasswordStatus>('GET', '/me/password'),
});

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<{ otherSessionsEnded: number }>('PUT', '/me/password', { currentPassword, newPassword });

// ---- An Administrator's help with a user's account (Manage Users) ----------------------------------

/** Why an Administrator may not do something with an account (a problem code), or null when they may. */
export type AccountRefusal = 'ACCOUNT_OF_ANOTHER_ORGANIZATION' | 'USER_NOT_REGISTERED' | 'ACCOUNT_NOT_ACTIVE' | 'SSO_ACCOUNT';

export interface AccountActions {
  passwordReset: AccountRefusal | null;
  nameCorrection: 'ACCOUNT_OF_ANOTHER_ORGANIZATION' | null;
  resetLinkMinutes: number;
}

export const accountActionsQuery = (userId: string) =>
  queryOptions({
    queryKey: ['administration', 'user', userId, 'account'] as const,
    queryFn: () => api<AccountActions>('GET', `/users/${userId}/account`),
  });

export const sendPasswordResetLink = (userId: string) =>
  api<{ sentTo: string; expiresAt: string }>('POST', `/users/${userId}/password-reset`);

export const correctUserName = (userId: string, name: { firstName: string; lastName: string }) =>
  api<UserDetail>('PATCH', `/users/${userId}/name`, name);
