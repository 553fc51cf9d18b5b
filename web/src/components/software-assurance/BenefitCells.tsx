import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Benefit, BenefitStatus } from '../../api/software-assurance';
import { EndDate, ExpiryBadge } from '../licensing/ExpiryNotice';

const STATUS_COLORS: Record<BenefitStatus, string> = {
  REQUIRES_ACTIVATION: 'blue.9',
  ACTIVATED: 'green.9',
  HAR: 'orange.9',
  EXPIRED: 'gray.7',
};

/** R-SA-2: the benefit's status, in words (the colour only repeats them). */
export function BenefitStatusBadge({ status }: { status: BenefitStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" tt="none" data-status={status}>
      {t(`softwareAssurance.statuses.${status}`)}
    </Badge>
  );
}

/** A quantity in the benefit's unit ("12 days"); an unmeasured benefit says so. */
export function BenefitQuantity({ benefit, quantity }: { benefit: Pick<Benefit, 'unit'>; quantity: number | null }) {
  const { t } = useTranslation();
  if (quantity === null || benefit.unit === 'UNMEASURED') return <>{t('softwareAssurance.units.UNMEASURED')}</>;
  return <>{t(`softwareAssurance.units.${benefit.unit}`, { count: quantity })}</>;
}

/** The end of the coverage the benefit follows, flagged 90 and 30 days ahead (an expired one shows its own status). */
export function CoverageEnd({ benefit }: { benefit: Pick<Benefit, 'expiresOn' | 'expiry' | 'status'> }) {
  return (
    <Group gap="xs" wrap="wrap">
      <EndDate endDate={benefit.expiresOn} expiry={benefit.expiry} />
      {benefit.status !== 'EXPIRED' && <ExpiryBadge expiry={benefit.expiry} />}
    </Group>
  );
}
