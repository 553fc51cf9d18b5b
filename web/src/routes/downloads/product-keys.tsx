import { Badge, Box, Button, Group, List, NativeSelect, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type KeyView, keysExportUrl, keysWorkbookUrl, licensingIdKeysQuery, productKeysQuery } from '../../api/keys';
import { CopyIconButton } from '../../components/downloads/CopyIconButton';
import { productLabel } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { KEY_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { NoAccess } from '../../components/EmptyNotice';
import { BackgroundKeyExport } from '../../components/exports/BackgroundKeyExport';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

export const KEYS_PAGE_SIZE = 25;

export interface ProductKeysSearch {
  licensingId?: string;
  page?: number;
}

/** R-KEY-3: MAK activations used/available; KMS host keys count hosts; OSA keys are redeemed once. */
function countText(t: TFunction, key: KeyView): string {
  const a = key.activations;
  if (!a) return t('downloads.keys.notCounted');
  if (key.type === 'MAK') return t('downloads.keys.usedAvailable', { used: a.used, available: a.available });
  if (key.type === 'KMS_HOST') return t('downloads.keys.hostsUsed', { used: a.used, limit: a.limit, perHost: key.perHostActivations ?? 0 });
  return t(a.available > 0 ? 'downloads.keys.notRedeemed' : 'downloads.keys.redeemed');
}

function KeyRow({ k }: { k: KeyView }) {
  const { t } = useTranslation();
  const exhausted = (k.type === 'MAK' || k.type === 'KMS_HOST') && k.activations !== null && k.activations.available <= 0;
  return (
    <Table.Tr data-key-type={k.type} data-key-id={k.id}>
      <Table.Td>{k.licensingIdNumber}</Table.Td>
      <Table.Td>{productLabel(k.product)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color="dark" tt="none">
          {t(`downloads.keyTypes.${k.type}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Text ff="monospace" size="sm" data-column="key">
            {k.productKey}
          </Text>
          <CopyIconButton value={k.productKey} label={t('downloads.keys.copy', { lastFive: k.lastFive })} />
        </Group>
      </Table.Td>
      <Table.Td data-column="activations">
        <Text size="sm">{countText(t, k)}</Text>
        {exhausted && (
          <AnchorLink to="/downloads/key-requests/new" search={{ keyId: k.id }} size="sm" c="red.9">
            {t(k.type === 'MAK' ? 'downloads.keys.noneLeftMak' : 'downloads.keys.noneLeftHosts')}
          </AnchorLink>
        )}
      </Table.Td>
      <Table.Td>
        {k.activations && (
          <AnchorLink
            to="/downloads/product-keys/$keyId"
            params={{ keyId: k.id }}
            size="sm"
            aria-label={t('downloads.keys.historyOf', { lastFive: k.lastFive })}
          >
            {t('downloads.keys.history')}
          </AnchorLink>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** R-KEY-7, R-KEY-3, R-KEY-9: the keys this user may see, filtered by Licensing ID, exported and printed. */
export function ProductKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.keys.title'));
  const search = useSearch({ from: '/_app/downloads/product-keys' });
  const navigate = useNavigate({ from: '/downloads/product-keys' });
  const scope = useLicensingIdsWith(KEY_ROLES);
  const licensingId = search.licensingId;
  const all = useQuery({ ...productKeysQuery, enabled: !licensingId });
  const one = useQuery({ ...licensingIdKeysQuery(licensingId ?? ''), enabled: Boolean(licensingId) });
  const keys = licensingId ? one : all;
  const forbidden = (keys.error instanceof ApiError && keys.error.status === 403) || (scope.isSuccess && scope.rows.length === 0);
  const items = keys.data?.items ?? [];
  const pages = Math.max(1, Math.ceil(items.length / KEYS_PAGE_SIZE));
  const page = Math.min(search.page ?? 1, pages);
  const shown = items.slice((page - 1) * KEYS_PAGE_SIZE, page * KEYS_PAGE_SIZE);
  const noKeyNeeded = licensingId ? (one.data?.noKeyNeeded ?? []) : [];
  const selected = scope.rows.find((r) => r.id === licensingId);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.keys.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('downloads.keys.noRoleTitle')} description={t('downloads.keys.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('downloads.keys.intro')}</Text>
          <Group align="flex-end" justify="space-between">
            <NativeSelect
              label={t('downloads.keys.filter')}
              value={licensingId ?? ''}
              onChange={(e) =>
                void navigate({ search: { licensingId: e.currentTarget.value || undefined, page: undefined }, replace: true })
              }
              data={[
                { value: '', label: t('downloads.keys.allIds') },
                ...scope.rows.map((r) => ({ value: r.id, label: t('downloads.keys.idOption', { number: r.number, name: r.name }) })),
              ]}
              // Full width on a phone: a select is as wide as its longest option otherwise (WCAG 1.4.10).
              w={{ base: '100%', sm: 'auto' }}
              miw={{ base: 0, sm: 320 }}
            />
            <Group gap="sm" component="nav" aria-label={t('downloads.keys.actions')}>
              <Button component="a" variant="outline" href={keysExportUrl('tsv', licensingId)} download>
                {t('downloads.keys.exportTsv')}
              </Button>
              <Button component="a" variant="outline" href={keysExportUrl('csv', licensingId)} download>
                {t('downloads.keys.exportCsv')}
              </Button>
              <Button component="a" variant="outline" href={keysWorkbookUrl(licensingId)} download>
                {t('downloads.keys.exportXlsx')}
              </Button>
              <ButtonLink variant="outline" to="/downloads/product-keys/print" search={{ licensingId }}>
                {t('downloads.keys.print')}
              </ButtonLink>
              <ButtonLink variant="light" to="/downloads/key-requests/new" search={{}}>
                {t('downloads.keys.requestMore')}
              </ButtonLink>
            </Group>
          </Group>
          <BackgroundKeyExport licensingId={licensingId} />
          {keys.isPending && <Loading />}
          {keys.isError && <KeyProblemAlert error={keys.error} />}
          {keys.isSuccess && (
            <Text size="sm" role="status">
              {selected
                ? t('downloads.keys.countFor', { count: items.length, number: selected.number })
                : t('downloads.keys.count', { count: items.length })}
            </Text>
          )}
          {keys.isSuccess && items.length === 0 && <Text>{t('downloads.keys.none')}</Text>}
          {shown.length > 0 && (
            <ScrollTable
              caption={t('downloads.keys.tableLabel')}
              minWidth={980}
              columns={[
                t('downloads.keys.licensingId'),
                t('downloads.keys.product'),
                t('downloads.keys.type'),
                t('downloads.keys.key'),
                t('downloads.keys.activations'),
                t('downloads.keys.history'),
              ]}
            >
              {shown.map((k) => (
                <KeyRow key={k.id} k={k} />
              ))}
            </ScrollTable>
          )}
          {pages > 1 && (
            <Box component="nav" aria-label={t('downloads.pagination.label')}>
              <Pagination
                total={pages}
                value={page}
                onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p }) })}
                getItemProps={(p) => ({ 'aria-label': t('downloads.pagination.page', { page: p }) })}
                getControlProps={(control) => ({ 'aria-label': t(`downloads.pagination.${control}`) })}
              />
            </Box>
          )}
          {noKeyNeeded.length > 0 && (
            <Stack gap="xs" component="section" aria-labelledby="no-key-needed">
              <Title order={2} size="h4" id="no-key-needed">
                {t('downloads.keys.noKeyNeededTitle')}
              </Title>
              <List>
                {noKeyNeeded.map((n) => (
                  <List.Item key={n.product.id} data-no-key={n.product.code}>
                    {t(n.reason === 'CAL' ? 'downloads.keys.noKeyCal' : 'downloads.keys.noKeyNeeded', {
                      product: productLabel(n.product),
                    })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
