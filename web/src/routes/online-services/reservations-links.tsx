import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';

/** The way into reservations from the Online Services area. */
export function ReservationLinks() {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <AnchorLink to="/online-services/reservations">{t('reservations.links.make')}</AnchorLink>
      <AnchorLink to="/online-services/reservations/history">{t('reservations.links.history')}</AnchorLink>
      <AnchorLink to="/online-services/reservations/true-up">{t('reservations.links.trueUp')}</AnchorLink>
    </Group>
  );
}
