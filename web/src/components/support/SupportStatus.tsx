import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SupportStatus } from '../../api/support';
import { statusBadge } from '../StatusBadge';

/** A support request's status (R-SUP-1). */
export const SupportStatusBadge = statusBadge<SupportStatus>(
  { NEW: 'blue.9', ANSWERED: 'teal.9', WAITING_FOR_CUSTOMER: 'yellow.9', CUSTOMER_REPLIED: 'violet.9', CLOSED: 'gray.7' },
  'support.statuses',
);

/** The status, and "Overdue" when the 24-hour answer time has passed (R-SUP-1). */
export function StatusWithDue({ status, overdue }: { status: SupportStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <SupportStatusBadge status={status} />
      {overdue && (
        <Badge variant="filled" color="red.9" tt="none" data-overdue="true">
          {t('support.overdue')}
        </Badge>
      )}
    </Group>
  );
}
