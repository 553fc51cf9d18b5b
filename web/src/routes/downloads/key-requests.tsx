import { Alert, Badge, Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type KeyRequestStatus, keyRequestsQuery } from '../../api/keys';
import { formatDateTime, productLabel } from '../../components/downloads/format';
import { Loading } from '../../components/downloads/Loading';
import { ButtonLink } from '../../components/downloads/links';
import { NoAccess } from '../../components/downloads/NoAccess';
import { ProblemAlert } from '../../components/downloads/ProblemAlert';
import { KEY_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { usePageTitle } from '../../lib/usePageTitle';

export const STATUS_COLORS: Record<KeyRequestStatus, string> = { PENDING: 'blue.9', APPROVED: 'teal.9', DENIED: 'red.9' };

export function RequestStatusBadge({ status }: { status: KeyRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={STATUS_COLORS[status]} tt="none">
      {t(`downloads.requestStatus.${status}`)}
    </Badge>
  );
}

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
          {mine.isError && <ProblemAlert error={mine.error} />}
          {mine.isSuccess && mine.data.items.length === 0 && <Text>{t('downloads.requests.none')}</Text>}
          {mine.isSuccess && mine.data.items.length > 0 && (
            <Box className="table-scroll" tabIndex={0} role="region" aria-label={t('downloads.requests.mine')}>
              <Table striped withTableBorder miw={960}>
                <Table.Caption className="sr-only">{t('downloads.requests.mine')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('downloads.requests.sentAt')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.requests.kind')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.keys.licensingId')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.requests.product')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.requests.wanted')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.requests.status')}</Table.Th>
                    <Table.Th scope="col">{t('downloads.requests.decisionNote')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
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
                          <RequestStatusBadge status={r.status} />
                          {r.activationsGranted !== null && (
                            <Text size="xs">{t('downloads.requests.granted', { count: r.activationsGranted })}</Text>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{r.decisionNote ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Stack>
  );
}
