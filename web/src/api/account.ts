import { queryOptions } from '@tanstack/react-query';
import { answer, api } from './client';

// ---- Forgot password and the mailed link (public) -----------------------------------------------

/** The same answer whether or not the address has an account: how long a mailed link works. */
export const requestPasswordReset = (email: string) => answer(api.POST('/api/v1/auth/password-reset/request', { body: { email } }));

/** Whether a reset link still works, and whose password it sets; uses nothing up. */
export const checkResetLink = (token: string) => answer(api.POST('/api/v1/auth/password-reset/check', { body: { token } }));

export const resetPassword = (token: string, password: string) =>
  answer(api.POST('/api/v1/auth/password-reset', { body: { token, password } }));

// ---- The signed-in user's password --------------------------------------------------------------

export const passwordStatusQuery = queryOptions({
  queryKey: ['me', 'password'] as const,
  queryFn: () => answer(api.GET('/api/v1/me/password')),
});

export const changePassword = (currentPassword: string, newPassword: string) =>
  answer(api.PUT('/api/v1/me/password', { body: { currentPassword, newPassword } }));

// ---- An Administrator's help with a user's account (Manage Users) ----------------------------------

export const accountActionsQuery = (userId: string) =>
  queryOptions({
    queryKey: ['administration', 'user', userId, 'account'] as const,
    queryFn: () => answer(api.GET('/api/v1/users/{userId}/account', { params: { path: { userId } } })),
  });

export const sendPasswordResetLink = (userId: string) =>
  answer(api.POST('/api/v1/users/{userId}/password-reset', { params: { path: { userId } } }));

export const correctUserName = (userId: string, name: { firstName: string; lastName: string }) =>
  answer(api.PATCH('/api/v1/users/{userId}/name', { params: { path: { userId } }, body: name }));
