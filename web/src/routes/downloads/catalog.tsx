import { Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type CatalogItem, catalogQuery, categoriesQuery } from '../../api/downloads';
import { meQuery } from '../../api/queries';
import { DownloadsChart } from '../../components/charts/DownloadsChart';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { ProductSearch } from '../../components/downloads/ProductSearch';
import { DOWNLOAD_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

export interface CatalogSearch {
  category?: string[];
  q?: string;
}

/** R-LIC-5: a grant is marked with an asterisk, explained once under the list. */
export function GrantMark({ granted }: { granted: boolean }) {
  const { t } = useTranslation();
  if (!granted) return null;
  return (
    <abbr title={t('downloads.catalog.grantedNote')} aria-label={t('downloads.catalog.grantedShort')} style={{ textDecoration: 'none' }}>
      {t('downloads.catalog.asterisk')}
    </abbr>
  );
}

function Availability({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  if (item.isCal) return <Text size="sm">{t('downloads.catalog.calNoDownload')}</Text>;
  return (
    <Group gap={4}>
      {item.hasDownload ? (
        <Badge variant="outline" color="teal.9" tt="none">
          {t('downloads.catalog.downloadable')}
        </Badge>
      ) : (
        <Badge variant="outline" color="gray.8" tt="none">
          {t('downloads.catalog.notDownloadable')}
        </Badge>
      )}
      {!item.requiresKey && (
        <Badge variant="outline" color="dark" tt="none">
          {t('downloads.catalog.noKey')}
        </Badge>
      )}
    </Group>
  );
}

/** Links to the rest of the area: keys, key requests, and (publisher operators) the request queue. */
function AreaLinks() {
  const { t } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const links = [
    { to: '/downloads/product-keys' as const, title: 'downloads.keys.title', text: 'downloads.catalog.keysText' },
    { to: '/downloads/key-requests' as const, title: 'downloads.requests.title', text: 'downloads.catalog.requestsText' },
    ...(me?.isOperator
      ? [{ to: '/downloads/operator/key-requests' as const, title: 'downloads.queue.title', text: 'downloads.catalog.queueText' }]
      : []),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: links.length }}>
      {links.map((l) => (
        <Paper key={l.to} withBorder p="md">
          <AnchorLink to={l.to} search={{}} fw={700}>
            {t(l.title)}
          </AnchorLink>
          <Text size="sm" mt={4}>
            {t(l.text)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** R-DL-6, R-DL-2, R-DL-4, R-DL-7: the software the user may download, by category and by name. */
export function CatalogPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.downloads'));
  const { category, q } = useSearch({ from: '/_app/downloads' });
  const chosen = category ?? [];
  const navigate = useNavigate({ from: '/downloads' });
  const categories = useQuery(categoriesQuery);
  const catalog = useInfiniteQuery(catalogQuery(chosen, q));
  const items = catalog.data?.pages.flatMap((p) => p.items) ?? [];
  const scope = useLicensingIdsWith(DOWNLOAD_ROLES);
  const forbidden = (catalog.error instanceof ApiError && catalog.error.status === 403) || (scope.isSuccess && scope.rows.length === 0);
  const anyGrant = items.some((i) => i.granted);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('nav.downloads')}</Title>
      <AreaLinks />
      <Title order={2}>{t('downloads.catalog.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('downloads.catalog.noRoleTitle')} description={t('downloads.catalog.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('downloads.catalog.intro')}</Text>
          <Group align="flex-end" gap="lg">
            <ProductSearch
              key={q ?? ''}
              initial={q ?? ''}
              onSearch={(text) => void navigate({ search: (prev) => ({ ...prev, q: text || undefined }) })}
              onPick={(productId) => void navigate({ to: '/downloads/products/$productId', params: { productId } })}
            />
            {(chosen.length > 0 || q) && (
              <Button variant="subtle" color="blue.9" onClick={() => void navigate({ search: {} })}>
                {t('downloads.catalog.clear')}
              </Button>
            )}
          </Group>
          {categories.data && categories.data.length > 0 && (
            <Checkbox.Group
              label={t('downloads.catalog.category')}
              value={chosen}
              onChange={(next) =>
                void navigate({ search: (prev) => ({ ...prev, category: next.length ? next : undefined }), replace: true })
              }
            >
              <Group mt="xs" gap="md">
                {categories.data.map((c) => (
                  <Checkbox key={c.name} value={c.name} label={t('downloads.catalog.categoryOption', { name: c.name, count: c.count })} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          {catalog.isPending && <Loading />}
          {catalog.isError && <KeyProblemAlert error={catalog.error} />}
          {catalog.isSuccess && (
            <Text size="sm" role="status">
              {q
                ? t('downloads.catalog.shownFor', { count: items.length, q, more: catalog.hasNextPage ? 1 : 0 })
                : t('downloads.catalog.shown', { count: items.length, more: catalog.hasNextPage ? 1 : 0 })}
            </Text>
          )}
          {catalog.isSuccess && items.length === 0 && <Text>{t('downloads.catalog.none')}</Text>}
          {items.length > 0 && (
            <ScrollTable
              caption={t('downloads.catalog.title')}
              minWidth={860}
              columns={[
                t('downloads.catalog.product'),
                t('downloads.catalog.categoryColumn'),
                t('downloads.catalog.availability'),
                t('downloads.catalog.prior'),
              ]}
            >
              {items.map((item) => (
                <Table.Tr key={item.productId} data-product-id={item.productId}>
                  <Table.Th scope="row" fw={600}>
                    <AnchorLink to="/downloads/products/$productId" params={{ productId: item.productId }}>
                      {item.name}
                    </AnchorLink>
                    <GrantMark granted={item.granted} />
                    <Text size="xs" fw={400}>
                      {t('downloads.catalog.versionEdition', { version: item.version, edition: item.edition || '-' })}
                    </Text>
                  </Table.Th>
                  <Table.Td>{item.category}</Table.Td>
                  <Table.Td>
                    <Availability item={item} />
                  </Table.Td>
                  <Table.Td>
                    {item.priorVersions.length === 0
                      ? ''
                      : item.priorVersions.map((p, i) => (
                          <span key={p.productId}>
                            {i > 0 && ', '}
                            <AnchorLink
                              to="/downloads/products/$productId"
                              params={{ productId: p.productId }}
                              size="sm"
                              aria-label={t('downloads.catalog.priorLabel', { name: item.family || item.name, version: p.version })}
                            >
                              {p.version}
                            </AnchorLink>
                          </span>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          )}
          {anyGrant && (
            <Text size="sm">
              {t('downloads.catalog.asterisk')} {t('downloads.catalog.grantedNote')}
            </Text>
          )}
          {catalog.hasNextPage && (
            <Button variant="outline" w="fit-content" onClick={() => void catalog.fetchNextPage()} loading={catalog.isFetchingNextPage}>
              {t('downloads.catalog.more')}
            </Button>
          )}
          {scope.isSuccess && <DownloadsChart licensingIds={scope.rows} />}
        </>
      )}
    </Stack>
  );
}
