import { NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reservableEnrollmentsQuery, trueUpQuery } from '../../api/reservations';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

function TrueUpTable({ licensingId }: { licensingId: string }) {
  const { t, i18n } = useTranslation();
  const trueUp = useQuery(trueUpQuery(licensingId));
  if (trueUp.isPending) return <Loading />;
  if (trueUp.isError) return <ErrorAlert error={trueUp.error} />;
  const d = trueUp.data;
  return (
    <Stack data-testid="true-up">
      <Text>
        {d.enrollment.anniversary
          ? t('reservations.trueUp.anniversary', { date: formatDate(d.enrollment.anniversary, i18n.language) })
          : t('reservations.trueUp.noAnniversary')}
      </Text>
      {d.lines.length === 0 ? (
        <Text c="dimmed">{t('reservations.trueUp.nothing')}</Text>
      ) : (
        <ScrollTable
          caption={t('reservations.trueUp.caption', { number: d.enrollment.number })}
          columns={[t('reservations.columns.service'), t('reservations.columns.action'), t('reservations.columns.quantity')]}
          minWidth={480}
        >
          {d.lines.map((l) => (
            <Table.Tr key={`${l.productId}:${l.action}`}>
              <Table.Th scope="row">{l.serviceName}</Table.Th>
              <Table.Td>{t(`reservations.actions.${l.action}`)}</Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {d.pending > 0 && <Text size="sm">{t('reservations.trueUp.pending', { count: d.pending })}</Text>}
    </Stack>
  );
}

/** R-RES-3: per enrollment, what must be ordered at its anniversary: reservations past their 72 hours, per service and action. */
export function ReservationTrueUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('reservations.trueUp.title'));
  const enrollments = useQuery(reservableEnrollmentsQuery);
  const [chosen, setChosen] = useState<string>();
  const items = enrollments.data?.items ?? [];
  const licensingId = chosen ?? items[0]?.id;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('reservations.trueUp.title')}</Title>
      <AnchorLink to="/online-services/reservations/history" w="fit-content">
        {t('reservations.links.history')}
      </AnchorLink>
      <Text maw={760}>{t('reservations.trueUp.intro')}</Text>
      {enrollments.isPending && <Loading />}
      {enrollments.isError && <ErrorAlert error={enrollments.error} />}
      {enrollments.isSuccess && items.length === 0 && (
        <EmptyNotice title={t('reservations.flow.noneTitle')} description={t('reservations.flow.none')} />
      )}
      {items.length > 0 && (
        <NativeSelect
          label={t('reservations.trueUp.enrollment')}
          name="enrollment"
          maw={480}
          value={licensingId}
          onChange={(e) => setChosen(e.currentTarget.value)}
          data={items.map((e) => ({ value: e.id, label: `${e.name} (${e.number})` }))}
        />
      )}
      {licensingId && <TrueUpTable licensingId={licensingId} />}
    </Stack>
  );
}
