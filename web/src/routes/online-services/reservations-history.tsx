import { Alert, Badge, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemDetail } from '../../api/client';
import {
  cancelReservation,
  HISTORY_VIEWS,
  type HistoryView,
  type PartnerContact,
  type Reservation,
  reservationHistoryQuery,
} from '../../api/reservations';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { SectionPanel } from '../../components/SectionPanel';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { PartnerContactText } from './reservations-partner';

const isView = (v: string): v is HistoryView => (HISTORY_VIEWS as string[]).includes(v);

/**
 * R-RES-5: Manage my reservations, by reservation, service or Licensing ID; cancellable ones on
 * top, newest first. R-RES-3: Cancel (after confirming) within 72 hours; after that the partner of
 * record is named as the contact.
 */
export function ReservationHistoryPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('reservations.history.title'));
  const queryClient = useQueryClient();
  const [view, setView] = useState<HistoryView>('reservation');
  const history = useQuery(reservationHistoryQuery(view));
  const cancel = useMutation({
    mutationFn: (id: string) => cancelReservation(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reservations'] }),
  });
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'UTC', timeZoneName: 'short' });
  const partnerOf = (licensingId: string): PartnerContact =>
    history.data?.partners.find((p) => p.licensingId === licensingId)?.partner ?? null;
  const status = (r: Reservation) =>
    r.cancelledAt ? (
      <Badge color="gray" variant="light">
        {t('reservations.history.cancelled')}
      </Badge>
    ) : r.cancellable ? (
      <Badge color="blue" variant="light">
        {t('reservations.history.cancellableUntil', { until: when(r.cancellableUntil) })}
      </Badge>
    ) : (
      <Badge color="green" variant="light">
        {t('reservations.history.committed')}
      </Badge>
    );
  const action = (r: Reservation) =>
    r.cancellable ? (
      <ConfirmButton
        label={t('reservations.history.cancel')}
        target={`${r.serviceName}, ${r.quantity}`}
        title={t('reservations.history.cancelTitle')}
        question={t('reservations.history.cancelQuestion', { quantity: r.quantity, service: r.serviceName, number: r.licensingNumber })}
        confirmLabel={t('reservations.history.cancel')}
        loading={cancel.isPending && cancel.variables === r.id}
        onConfirm={() => cancel.mutate(r.id)}
      />
    ) : !r.cancelledAt ? (
      <PartnerContactText partner={partnerOf(r.licensingId)} />
    ) : null;
  const cancelPartner = problemDetail<PartnerContact>(cancel.error, 'partner');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('reservations.history.title')}</Title>
      <Group gap="md">
        <AnchorLink to="/online-services/reservations">{t('reservations.links.make')}</AnchorLink>
        <AnchorLink to="/online-services/reservations/true-up">{t('reservations.links.trueUp')}</AnchorLink>
      </Group>
      <Text maw={760}>{t('reservations.history.intro')}</Text>
      <NativeSelect
        label={t('reservations.history.viewBy')}
        name="view"
        maw={320}
        value={view}
        onChange={(e) => isView(e.currentTarget.value) && setView(e.currentTarget.value)}
        data={HISTORY_VIEWS.map((v) => ({ value: v, label: t(`reservations.history.views.${v}`) }))}
      />
      {cancel.isError && (
        <ErrorAlert error={cancel.error}>{cancelPartner !== undefined && <PartnerContactText partner={cancelPartner} />}</ErrorAlert>
      )}
      {cancel.isSuccess && (
        <Alert color="green" variant="outline" role="status" data-testid="reservation-cancelled">
          {t('reservations.history.cancelledNotice', { quantity: cancel.data.quantity, service: cancel.data.serviceName })}
        </Alert>
      )}
      {history.isPending && <Loading />}
      {history.isError && <ErrorAlert error={history.error} />}
      {history.isSuccess && history.data.groups.length === 0 && (
        <EmptyNotice title={t('reservations.history.noneTitle')} description={t('reservations.history.none')} />
      )}
      {history.isSuccess &&
        history.data.groups.map((g) => {
          const table = (
            <DataTable<Reservation>
              caption={view === 'reservation' ? t('reservations.history.caption') : g.name}
              rows={g.items}
              rowKey={(r) => r.id}
              rowAttributes={(r) => ({ 'data-reservation': r.id })}
              minWidth={900}
              columns={[
                { key: 'service', header: t('reservations.columns.service'), rowHeader: true, cell: (r) => r.serviceName },
                {
                  key: 'licensingId',
                  header: t('reservations.columns.licensingId'),
                  cell: (r) => `${r.licensingName} (${r.licensingNumber})`,
                },
                { key: 'action', header: t('reservations.columns.action'), cell: (r) => t(`reservations.actions.${r.action}`) },
                { key: 'quantity', header: t('reservations.columns.quantity'), numeric: true, cell: (r) => r.quantity },
                { key: 'usageDate', header: t('reservations.columns.usageDate'), cell: (r) => formatDate(r.usageDate, i18n.language) },
                { key: 'submitted', header: t('reservations.columns.submitted'), cell: (r) => `${when(r.submittedAt)}, ${r.submittedBy}` },
                { key: 'status', header: t('reservations.columns.status'), cell: status },
                { key: 'cancel', header: t('reservations.columns.cancel'), cell: action },
              ]}
            />
          );
          return view === 'reservation' ? (
            <div key={g.id}>{table}</div>
          ) : (
            <SectionPanel key={g.id} headingId={`group-${g.id}`} title={g.name}>
              <Text size="sm">
                {t('reservations.history.reserved', { add: g.reserved.ADD_LICENSE, stepUp: g.reserved.STEP_UP_LICENSE })}
              </Text>
              {table}
            </SectionPanel>
          );
        })}
    </Stack>
  );
}
