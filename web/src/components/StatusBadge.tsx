import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../api/types';

const COLORS: Record<AgreementStatus, string> = { ACTIVE: 'teal.9', INACTIVE: 'gray.7', EXPIRED: 'red.9' };

export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="filled" tt="none">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
