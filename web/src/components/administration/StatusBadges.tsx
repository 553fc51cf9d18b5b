import type { RequestStatus, UserStatus } from '../../api/administration';
import { statusBadge } from '../StatusBadge';

export const UserStatusBadge = statusBadge<UserStatus>(
  { active: 'teal.9', inactive: 'gray.7', invited: 'blue.9' },
  'administration.userStatus',
);

export const RequestStatusBadge = statusBadge<RequestStatus>(
  { PENDING: 'orange.9', ACCEPTED: 'teal.9', DENIED: 'red.9', WITHDRAWN: 'gray.7' },
  'administration.requestStatus',
);
