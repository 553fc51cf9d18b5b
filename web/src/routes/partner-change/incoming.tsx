import { Alert, Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  answerPartnerChange,
  incomingPartnerChangeQuery,
  incomingPartnerChangesQuery,
  partnerChangeFormUrl,
} from '../../api/partner-change';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { PartnerChangeFacts, PartnerChangeStatusBadge } from '../../components/partner-change/PartnerChangeFacts';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * R-REL-6, the new partner's side: the requests naming its organization. Self-contained, so the
 * partner area can show it on its own page (/partner-change/incoming) or inside one of its own.
 */
export function IncomingPartnerChanges() {
  const { t, i18n } = useTranslation();
  const changes = useQuery(incomingPartnerChangesQuery);
  if (changes.isPending) return <Loading />;
  if (changes.isError) return <ErrorAlert error={changes.error} />;
  if (changes.data.items.length === 0)
    return <EmptyNotice title={t('partnerChange.incoming.noneTitle')} description={t('partnerChange.incoming.none')} data-state="empty" />;
  return (
    <ScrollTable
      caption={t('partnerChange.incoming.caption')}
      minWidth={720}
      columns={[
        t('partnerChange.columns.reference'),
        t('partnerChange.columns.customer'),
        t('partnerChange.columns.licensingIds'),
        t('partnerChange.columns.requested'),
        t('partnerChange.columns.status'),
      ]}
    >
      {changes.data.items.map((c) => (
        <Table.Tr key={c.id} data-change-id={c.id} data-status={c.status}>
          <Table.Td>
            <AnchorLink to="/partner-change/incoming/$changeId" params={{ changeId: c.id }}>
              {c.reference}
            </AnchorLink>
          </Table.Td>
          <Table.Td>{c.customer}</Table.Td>
          <Table.Td>{c.lines.map((l) => l.number).join(', ')}</Table.Td>
          <Table.Td>{formatDateTime(c.requestedAt, i18n.language)}</Table.Td>
          <Table.Td>
            <PartnerChangeStatusBadge status={c.status} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

export function IncomingPartnerChangesPage() {
  const { t } = useTranslation();
  usePageTitle(t('partnerChange.incoming.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('partnerChange.incoming.title')}</Title>
      <Text maw={760}>{t('partnerChange.incoming.intro')}</Text>
      <IncomingPartnerChanges />
    </Stack>
  );
}

/** One request to the partner: its facts, accept or decline (each confirmed), the request form. */
export function IncomingPartnerChangePage() {
  const { t } = useTranslation();
  usePageTitle(t('partnerChange.incoming.title'));
  const { changeId } = useParams({ from: '/_app/partner-change/incoming/$changeId' });
  const queryClient = useQueryClient();
  const change = useQuery(incomingPartnerChangeQuery(changeId));
  const decide = useMutation({
    mutationFn: (decision: 'accept' | 'decline') => answerPartnerChange(changeId, decision),
    onSuccess: (data) => {
      queryClient.setQueryData(incomingPartnerChangeQuery(changeId).queryKey, data);
      return queryClient.invalidateQueries({ queryKey: ['partner-change-requests'] });
    },
  });
  const params = change.data && {
    customer: change.data.customer,
    licensingIds: change.data.lines.map((l) => l.number).join(', '),
  };
  return (
    <Stack gap="lg">
      <Title order={1}>{t('partnerChange.incoming.title')}</Title>
      <AnchorLink to="/partner-change/incoming" w="fit-content">
        {t('partnerChange.incoming.back')}
      </AnchorLink>
      {change.isPending && <Loading />}
      {change.isError && <ErrorAlert error={change.error} />}
      {decide.isError && <ErrorAlert error={decide.error} />}
      {decide.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('partnerChange.incoming.answered')}
        </Alert>
      )}
      {change.isSuccess && params && (
        <>
          <PartnerChangeFacts change={change.data} />
          <Group>
            {change.data.status === 'IN_PROGRESS' && (
              <>
                <ConfirmButton
                  label={t('partnerChange.incoming.accept')}
                  title={t('partnerChange.incoming.acceptTitle')}
                  question={t('partnerChange.incoming.acceptQuestion', params)}
                  confirmLabel={t('partnerChange.incoming.accept')}
                  onConfirm={() => decide.mutate('accept')}
                  loading={decide.isPending && decide.variables === 'accept'}
                  destructive={false}
                  variant="filled"
                  size="sm"
                />
                <ConfirmButton
                  label={t('partnerChange.incoming.decline')}
                  title={t('partnerChange.incoming.declineTitle')}
                  question={t('partnerChange.incoming.declineQuestion', params)}
                  confirmLabel={t('partnerChange.incoming.decline')}
                  onConfirm={() => decide.mutate('decline')}
                  loading={decide.isPending && decide.variables === 'decline'}
                  size="sm"
                />
              </>
            )}
            <Anchor href={partnerChangeFormUrl(changeId, 'partner')} download>
              {t('partnerChange.detail.download')}
            </Anchor>
          </Group>
        </>
      )}
    </Stack>
  );
}
