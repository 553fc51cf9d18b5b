import { Alert, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type KeyRequestStatus, keyRequestsQuery } from '../../api/keys';
import { formatDateTime, productLabel } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { KEY_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { ButtonLink } from '../../components/links';
import { statusBadge } from '../../components/StatusBadge';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** A key request's status (R-PERM-13). */
export const KeyRequestStatusBadge = statusBadge<KeyRequestStatus>(
  { PENDING: 'blue.9', APPROVED: 'teal.9', DENIED: 'red.9' },
  'downloads.requestStatus',
);

/** R-PERM-13: the user's key requests with the publisher's decision. */
export function KeyRequestsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('downloads.requests.title'));
  const { sent } = useSearch({ from: '/_app/downloads/key-requests' });
  const scope = useLicensingIdsWith(KEY_ROLES);
  const mine = useQuery(keyRequestsQuery);
  const forbidden = (mine.error instanceof ApiError && mine.error.status === 403) || (scope.isSuccess && scope.rows.length === 0);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.requests.title')}</Title>
      {sent && (
        <Alert color="green" variant="outline" role="status" title={t('downloads.requests.sentTitle')}>
          {t('downloads.requests.sent')}
        </Alert>
      )}
      {forbidden ? (
        <NoAccess title={t('downloads.requests.noRoleTitle')} description={t('downloads.requests.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('downloads.requests.intro')}</Text>
          <ButtonLink to="/downloads/key-requests/new" search={{}} w="fit-content">
            {t('downloads.requests.new')}
          </ButtonLink>
          <Title order={2}>{t('downloads.requests.mine')}</Title>
          {mine.isPending && <Loading />}
          {mine.isError && <KeyProblemAlert error={mine.error} />}
          {mine.isSuccess && mine.data.items.length === 0 && <Text>{t('downloads.requests.none')}</Text>}
          {mine.isSuccess && mine.data.items.length > 0 && (
            <ScrollTable
              caption={t('downloads.requests.mine')}
              minWidth={960}
              columns={[
                t('downloads.requests.sentAt'),
                t('downloads.requests.kind'),
                t('downloads.keys.licensingId'),
                t('downloads.requests.product'),
                t('downloads.requests.wanted'),
                t('downloads.requests.status'),
                t('downloads.requests.decisionNote'),
              ]}
            >
              {mine.data.items.map((r) => (
                <Table.Tr key={r.id} data-request-status={r.status}>
                  <Table.Td>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{t(`downloads.requestKinds.${r.kind}`)}</Table.Td>
                  <Table.Td>{r.licensingIdNumber}</Table.Td>
                  <Table.Td>
                    {t('downloads.requests.productWithKey', {
                      product: productLabel(r.product),
                      lastFive: r.keyLastFive,
                    })}
                  </Table.Td>
                  <Table.Td>{r.activationsWanted}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <KeyRequestStatusBadge status={r.status} />
                      {r.activationsGranted !== null && (
                        <Text size="xs">{t('downloads.requests.granted', { count: r.activationsGranted })}</Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{r.decisionNote ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          )}
        </>
      )}
    </Stack>
  );
}
