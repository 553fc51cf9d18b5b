import { NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OnlineServiceOffer,
  RESERVATION_CATEGORIES,
  type ReservationCategory,
  reservationOffersQuery,
  setReservationCategory,
} from '../../api/reservation-offers';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { CaptionedTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';
import { appRoute } from '../base';
import { PriceLocksSection } from './reservation-offers-price-locks';

const isCategory = (value: string): value is ReservationCategory => (RESERVATION_CATEGORIES as readonly string[]).includes(value);

/** One online service: its category is chosen, then saved after a confirmation that names the change. */
function OfferRow({ offer }: { offer: OnlineServiceOffer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<ReservationCategory>(offer.category);
  const save = useMutation({
    mutationFn: () => setReservationCategory(offer.productId, chosen),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reservationOffersQuery.queryKey }),
  });
  const name = (c: ReservationCategory) => t(`reservations.categories.${c}`);
  return (
    <Table.Tr data-service={offer.code}>
      <Table.Th scope="row" fw={400}>
        <Text size="sm" fw={600}>
          {offer.name}
        </Text>
        <Text size="sm">{offer.code}</Text>
      </Table.Th>
      <Table.Td data-testid="current-category">{name(offer.category)}</Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t('common.labelFor', { label: t('reservationOffers.offers.newCategory'), target: offer.name })}
          value={chosen}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isCategory(value)) setChosen(value);
          }}
          data={RESERVATION_CATEGORIES.map((c) => ({ value: c, label: name(c) }))}
        />
        {save.isError && <ErrorAlert error={save.error} />}
      </Table.Td>
      <Table.Td>
        {chosen !== offer.category && (
          <ConfirmButton
            label={t('reservationOffers.offers.save')}
            target={offer.name}
            destructive={false}
            title={t('reservationOffers.offers.confirmTitle')}
            question={t('reservationOffers.offers.confirmQuestion', { service: offer.name, from: name(offer.category), to: name(chosen) })}
            confirmLabel={t('reservationOffers.offers.save')}
            onConfirm={() => save.mutate()}
            loading={save.isPending}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** R-RES-4: the publisher puts each online service in a reservation category and fixes prices per enrollment. */
export function ReservationOffersPage() {
  const { t } = useTranslation();
  usePageTitle(t('reservationOffers.title'));
  const offers = useQuery(reservationOffersQuery);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('reservationOffers.title')}</Title>
        <Text maw={760}>{t('reservationOffers.intro')}</Text>
      </Stack>
      <SectionPanel headingId="reservation-offers" title={t('reservationOffers.offers.title')}>
        <Text maw={760}>{t('reservationOffers.offers.intro')}</Text>
        {offers.isPending && <Loading />}
        {offers.isError && <ErrorAlert error={offers.error} />}
        {offers.isSuccess && offers.data.items.length === 0 && (
          <EmptyNotice title={t('reservationOffers.offers.none')} description={t('reservationOffers.offers.noneHelp')} />
        )}
        {offers.isSuccess && offers.data.items.length > 0 && (
          <CaptionedTable
            caption={t('reservationOffers.offers.caption')}
            minWidth={720}
            columns={[
              t('reservationOffers.offers.service'),
              t('reservationOffers.offers.category'),
              t('reservationOffers.offers.newCategory'),
              t('reservationOffers.offers.actions'),
            ]}
          >
            {offers.data.items.map((o) => (
              <OfferRow key={`${o.productId}-${o.category}`} offer={o} />
            ))}
          </CaptionedTable>
        )}
      </SectionPanel>
      <PriceLocksSection offers={offers.data?.items ?? []} />
    </Stack>
  );
}

const reservationOffers = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/reservation-offers',
  component: ReservationOffersPage,
});

/** The publisher's reservation back office (issue 14, R-RES-4). */
export const reservationOfferRoutes = [reservationOffers] as const;
