import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestStatus, UserStatus } from '../../api/administration';

const USER_COLORS: Record<UserStatus, string> = { active: 'teal.9', inactive: 'gray.7', invited: 'blue.9' };
const REQUEST_COLORS: Record<RequestStatus, string> = { PENDING: 'orange.9', ACCEPTED: 'teal.9', DENIED: 'red.9', WITHDRAWN: 'gray.7' };

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={USER_COLORS[status]} tt="none">
      {t(`administration.userStatus.${status}`)}
    </Badge>
  );
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={REQUEST_COLORS[status]} tt="none">
      {t(`administration.requestStatus.${status}`)}
    </Badge>
  );
}
