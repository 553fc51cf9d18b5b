import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { activationsQuery, productKeysQuery } from '../../api/keys';
import { ActivationsChart } from '../../components/charts/ActivationsChart';
import { formatDateTime, productLabel } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-KEY-3, R-KEY-4: every activation of a key — which machine, physical or virtual, how, and when. */
export function ActivationHistoryPage() {
  const { t, i18n } = useTranslation();
  const { keyId } = useParams({ from: '/_app/downloads/product-keys/$keyId' });
  const history = useInfiniteQuery(activationsQuery(keyId));
  const keys = useQuery(productKeysQuery);
  const view = keys.data?.items.find((k) => k.id === keyId);
  const first = history.data?.pages[0];
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  const lastFive = first?.key.lastFive ?? view?.lastFive ?? '';
  const title = t('downloads.history.title', { lastFive });
  usePageTitle(title);
  const isHost = first?.key.type === 'KMS_HOST';
  const counts = first?.key.activations;
  const forbidden = history.error instanceof ApiError && history.error.status === 403;

  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <AnchorLink to="/downloads/product-keys" search={{}} w="fit-content">
        {t('downloads.history.back')}
      </AnchorLink>
      {view && (
        <Text>
          {t('downloads.history.keyOf', {
            product: productLabel(view.product),
            number: view.licensingIdNumber,
            type: t(`downloads.keyTypes.${view.type}`),
          })}
        </Text>
      )}
      {counts && (
        <Text fw={600} data-testid="history-counts">
          {isHost
            ? t('downloads.history.hostCounts', { used: counts.used, available: Math.max(0, counts.limit - counts.used) })
            : t('downloads.keys.usedAvailable', { used: counts.used, available: Math.max(0, counts.limit - counts.used) })}
        </Text>
      )}
      {history.isPending && <Loading />}
      {forbidden && <NoAccess title={t('downloads.keys.noRoleTitle')} description={t('downloads.keys.noRole')} />}
      {history.isError && !forbidden && <KeyProblemAlert error={history.error} keyId={keyId} />}
      {history.isSuccess && <ActivationsChart keyId={keyId} />}
      {history.isSuccess && rows.length === 0 && <Text>{t('downloads.history.none')}</Text>}
      {rows.length > 0 && (
        <ScrollTable
          caption={title}
          minWidth={820}
          columns={[
            t('downloads.history.hostname'),
            t('downloads.history.fingerprint'),
            t('downloads.history.kind'),
            t('downloads.history.method'),
            t('downloads.history.when'),
            ...(isHost ? [t('downloads.history.hostActivations')] : []),
          ]}
        >
          {rows.map((a) => (
            <Table.Tr key={a.id} data-fingerprint={a.fingerprint}>
              <Table.Td>{a.hostname ?? t('downloads.history.noHostname')}</Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {a.fingerprint}
                </Text>
              </Table.Td>
              <Table.Td>{t(`downloads.machineKinds.${a.machineKind}`)}</Table.Td>
              <Table.Td>{t(`downloads.methods.${a.method}`)}</Table.Td>
              <Table.Td>{formatDateTime(a.activatedAt, i18n.language)}</Table.Td>
              {isHost && (
                <Table.Td>
                  {t('downloads.history.hostActivationsValue', {
                    count: a.hostActivations ?? 0,
                    last: a.lastActivatedAt ? formatDateTime(a.lastActivatedAt, i18n.language) : '',
                  })}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {history.isSuccess && (
        <Text size="sm" role="status">
          {t('downloads.history.shown', { count: rows.length })}
        </Text>
      )}
      {history.hasNextPage && (
        <Button variant="outline" w="fit-content" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('downloads.history.more')}
        </Button>
      )}
    </Stack>
  );
}
