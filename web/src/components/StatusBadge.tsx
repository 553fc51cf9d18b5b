import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../api/types';

/**
 * The badge of one kind of status: the status in words (the message `<messages>.<status>`), filled
 * in the status's colour (dark shades, so the white text keeps its contrast).
 */
export function statusBadge<S extends string>(colors: Record<S, string>, messages: string) {
  return function StatusBadgeOf({ status }: { status: S }) {
    const { t } = useTranslation();
    return (
      <Badge variant="filled" color={colors[status]} tt="none">
        {t(`${messages}.${status}`)}
      </Badge>
    );
  };
}

/** The status of an agreement or Licensing ID. */
export const StatusBadge = statusBadge<AgreementStatus>({ ACTIVE: 'teal.9', INACTIVE: 'gray.7', EXPIRED: 'red.9' }, 'statuses');
