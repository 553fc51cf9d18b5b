import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PartnerContact } from '../../api/reservations';

/** R-RES-3, R-RES-4: who to ask about what cannot be done online: the channel partner of record, or the publisher's representative. */
export function PartnerContactText({ partner }: { partner: PartnerContact }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-testid="partner-contact">
      {partner ? t('reservations.partner.contact', { name: partner.name, email: partner.email }) : t('reservations.partner.none')}
    </Text>
  );
}
