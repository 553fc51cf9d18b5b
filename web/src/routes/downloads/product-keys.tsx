import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { productKeysQuery } from '../../api/keys';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-KEY-7, R-KEY-3, R-KEY-9: the keys this user may see, with MAK activations used and available. */
export function ProductKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.keys.title'));
  const keys = useQuery(productKeysQuery);
  const forbidden = keys.error instanceof ApiError && keys.error.status === 403;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.keys.title')}</Title>
      <Text maw={760}>{t('downloads.keys.intro')}</Text>
      {keys.isPending && <Loading />}
      {forbidden && <Text role="status">{t('downloads.keys.noRole')}</Text>}
      {keys.isError && !forbidden && <ErrorAlert error={keys.error} />}
      {keys.isSuccess && keys.data.items.length === 0 && <Text>{t('downloads.keys.none')}</Text>}
      {keys.isSuccess && keys.data.items.length > 0 && (
        <>
          <Group>
            <Anchor href="/api/v1/product-keys/export?format=tsv" download>
              {t('downloads.keys.exportTsv')}
            </Anchor>
            <Anchor href="/api/v1/product-keys/export?format=csv" download>
              {t('downloads.keys.exportCsv')}
            </Anchor>
            <Anchor component={Link} to="/downloads/product-keys/print">
              {t('downloads.print.title')}
            </Anchor>
            <Anchor component={Link} to="/downloads/key-requests">
              {t('downloads.keys.requestMore')}
            </Anchor>
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('downloads.keys.licensingId')}</Table.Th>
                  <Table.Th scope="col">{t('downloads.keys.product')}</Table.Th>
                  <Table.Th scope="col">{t('downloads.keys.type')}</Table.Th>
                  <Table.Th scope="col">{t('downloads.keys.key')}</Table.Th>
                  <Table.Th scope="col">{t('downloads.keys.activations')}</Table.Th>
                  <Table.Th scope="col">{t('downloads.keys.history')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((k) => (
                  <Table.Tr key={k.id} data-key-type={k.type}>
                    <Table.Td>{k.licensingIdNumber}</Table.Td>
                    <Table.Td>
                      {k.product.name} {k.product.version} {k.product.edition}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="dark">
                        {t(`downloads.keyTypes.${k.type}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {k.productKey}
                      </Text>
                    </Table.Td>
                    <Table.Td data-column="activations">
                      {k.activations
                        ? t('downloads.keys.usedAvailable', { used: k.activations.used, available: k.activations.available })
                        : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
