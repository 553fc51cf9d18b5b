import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Expiry } from '../../api/licensing';
import { formatDate } from '../../lib/format';

/** R-LIC-7: "Expiring soon" within 90 days of the end date; within 30 days the date itself is red. */
export function ExpiryBadge({ expiry }: { expiry: Expiry }) {
  const { t } = useTranslation();
  if (expiry.notice === 'NONE') return null;
  if (expiry.notice === 'EXPIRED')
    return (
      <Badge color="gray.7" variant="filled" tt="none">
        {t('licensing.expiry.expired')}
      </Badge>
    );
  return (
    <Badge color="yellow.4" autoContrast variant="filled" tt="none" data-expiry={expiry.notice}>
      {t('licensing.expiry.soon')}
    </Badge>
  );
}

/** The end date, red (and bold) within the urgent window, with the days left for an expiring one. */
export function EndDate({ endDate, expiry }: { endDate: string | null; expiry: Expiry }) {
  const { t, i18n } = useTranslation();
  if (!endDate) return <Text span>{t('relationship.noEndDate')}</Text>;
  const urgent = expiry.notice === 'EXPIRING_URGENT';
  const expiring = urgent || expiry.notice === 'EXPIRING_SOON';
  return (
    <Text span c={urgent ? 'red.9' : undefined} fw={urgent ? 700 : undefined} data-urgent={urgent ? 'true' : undefined}>
      {formatDate(endDate, i18n.language)}
      {expiring && expiry.daysLeft !== null && (
        <Text span size="sm" c={urgent ? 'red.9' : undefined}>
          {' '}
          {t('licensing.expiry.daysLeft', { days: expiry.daysLeft })}
        </Text>
      )}
    </Text>
  );
}
