import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { activationsQuery } from '../../api/keys';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-KEY-3, R-KEY-4: every activation of a key — machine, when, and how. */
export function ActivationHistoryPage() {
  const { t } = useTranslation();
  const { keyId } = useParams({ from: '/_app/downloads/product-keys/$keyId' });
  const history = useQuery(activationsQuery(keyId));
  const title = t('downloads.history.title', { lastFive: history.data?.key.lastFive ?? '' });
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      {history.isPending && <Loading />}
      {history.isError && <ErrorAlert error={history.error} />}
      {history.data?.key.activations && (
        <Text>
          {t('downloads.keys.usedAvailable', {
            used: history.data.key.activations.used,
            available: history.data.key.activations.limit - history.data.key.activations.used,
          })}
        </Text>
      )}
      {history.isSuccess && history.data.items.length === 0 && <Text>{t('downloads.history.none')}</Text>}
      {history.isSuccess && history.data.items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('downloads.history.machine')}</Table.Th>
              <Table.Th scope="col">{t('downloads.history.kind')}</Table.Th>
              <Table.Th scope="col">{t('downloads.history.method')}</Table.Th>
              <Table.Th scope="col">{t('downloads.history.when')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.items.map((a) => (
              <Table.Tr key={a.id} data-fingerprint={a.fingerprint}>
                <Table.Td>{a.hostname ?? a.fingerprint}</Table.Td>
                <Table.Td>{t(`downloads.machineKinds.${a.machineKind}`)}</Table.Td>
                <Table.Td>{t(`downloads.methods.${a.method}`)}</Table.Td>
                <Table.Td>{new Date(a.activatedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
