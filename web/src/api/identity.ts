import { api } from './client';

export interface InvitationInfo {
  status: 'valid' | 'expired' | 'replaced' | 'used';
  email: string;
  firstName: string;
  lastName: string;
  organization: { name: string };
  invitedBy: { name: string } | null;
  expiresAt: string;
}

export const invitationInfo = (token: string) => api<InvitationInfo>('GET', `/auth/invitations/${encodeURIComponent(token)}`);

export const register = (body: { token: string; firstName: string; lastName: string; password: string; email?: string }) =>
  api<{ userId: string; email: string; pendingVerification: boolean; verificationSentTo: string | null; warnings: string[] }>(
    'POST',
    '/auth/register',
    body,
  );

export const resendInvitation = (token: string) => api<{ sentTo: string }>('POST', '/auth/invitations/resend', { token });
