import { Alert, Anchor, Box, Button, Code, Collapse, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  createDownloadLinks,
  type DownloadLink,
  type DownloadSettings,
  downloadSettingsQuery,
  type ProductDownload,
  productDownloadQuery,
} from '../../api/downloads';
import { CopyIconButton } from '../../components/downloads/CopyIconButton';
import { DownloadSettingsPanel, languageName, osName } from '../../components/downloads/DownloadSettingsPanel';
import { formatBytes, formatDateTime } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { DOWNLOAD_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';
import { GrantMark } from './catalog';

/** The API serves the portal: a link goes to this origin's path, whatever host the server was configured with. */
function samePortal(url: string): string {
  const u = new URL(url, window.location.origin);
  return `${u.pathname}${u.search}`;
}

/** R-DL-6: "More" expands the version notes, special instructions and system requirements. */
function MorePanel({ more }: { more: NonNullable<ProductDownload['more']> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const panelId = useId();
  const parts = (['versionNotes', 'specialInstructions', 'systemRequirements'] as const).filter((k) => more[k]?.trim());
  if (parts.length === 0) return null;
  return (
    <Stack gap="xs">
      <Button
        variant="subtle"
        color="blue.9"
        w="fit-content"
        px={0}
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={() => setOpened((o) => !o)}
      >
        {t(opened ? 'downloads.product.less' : 'downloads.product.more')}
      </Button>
      <Collapse expanded={opened}>
        <Stack gap="sm" id={panelId} data-testid="more-panel">
          {parts.map((k) => (
            <Box key={k}>
              <Title order={3} size="h5">
                {t(`downloads.product.${k}`)}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {more[k]}
              </Text>
            </Box>
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}

/** R-KEY-2: the setup key on the download screen, or why there is none here. */
function KeySection({ product }: { product: ProductDownload }) {
  const { t } = useTranslation();
  if (product.setupKeys.length > 0)
    return (
      <Paper withBorder p="md" component="section" aria-labelledby="setup-key">
        <Title order={2} size="h4" id="setup-key">
          {t('downloads.product.setupKey')}
        </Title>
        <Text size="sm" mb="xs">
          {t('downloads.product.setupKeyHelp')}
        </Text>
        {product.setupKeys.map((key) => (
          <Group key={key} gap={4}>
            <Text ff="monospace" data-testid="setup-key">
              {key}
            </Text>
            <CopyIconButton value={key} label={t('downloads.product.copySetupKey')} />
          </Group>
        ))}
      </Paper>
    );
  if (!product.requiresKey) return <Text data-state="no-key">{t('downloads.product.noKeyNeeded')}</Text>;
  if (!product.keysVisible) return <Text>{t('downloads.product.keysHidden')}</Text>;
  return (
    <Text>
      {t('downloads.product.keyElsewhere')}{' '}
      <AnchorLink to="/downloads/product-keys" search={{}}>
        {t('downloads.keys.title')}
      </AnchorLink>
    </Text>
  );
}

/** R-DL-3 (download manager): the exact command, and where its personal API token comes from. */
function ManagerInstructions({ product }: { product: ProductDownload }) {
  const { t } = useTranslation();
  const command = `lsc download ${product.code} --language ${product.selected.language} --os ${product.selected.os}`;
  return (
    <Stack gap="xs">
      <Text>{t('downloads.product.managerIntro')}</Text>
      <Group gap={4} wrap="nowrap" align="center">
        <Code block data-testid="manager-command" style={{ flex: 1 }}>
          {command}
        </Code>
        <CopyIconButton value={command} label={t('downloads.product.copyCommand')} />
      </Group>
      <Text size="sm">
        {t('downloads.product.tokenHelp')} <AnchorLink to="/profile">{t('downloads.product.tokenLink')}</AnchorLink>
      </Text>
    </Stack>
  );
}

/**
 * R-DL-3: the files for the chosen language and system, each with its size and SHA-256. With the
 * web browser, one ordinary link (with a download attribute) per file, signed for a short while.
 */
function Files({ product, browser }: { product: ProductDownload; browser: boolean }) {
  const { t, i18n } = useTranslation();
  const [links, setLinks] = useState<DownloadLink[] | null>(null);
  const prepare = useMutation({
    mutationFn: () => createDownloadLinks(product.productId, { fileIds: product.files.map((f) => f.id), method: 'BROWSER' }),
    onSuccess: setLinks,
  });
  const byFile = new Map((links ?? []).map((l) => [l.fileId, l]));
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('downloads.product.bundleSize', {
          count: product.bundle.fileCount,
          size: formatBytes(product.bundle.totalSize, i18n.language),
        })}
      </Text>
      <ScrollTable
        caption={t('downloads.product.files')}
        minWidth={860}
        columns={[
          t('downloads.product.file'),
          t('downloads.product.fileLanguage'),
          t('downloads.product.size'),
          t('downloads.product.sha256'),
          ...(browser ? [t('downloads.product.download')] : []),
        ]}
      >
        {product.files.map((f) => {
          const link = byFile.get(f.id);
          return (
            <Table.Tr key={f.id} data-file-id={f.id}>
              <Table.Th scope="row" fw={600}>
                {f.name}
                <Text size="xs" fw={400}>
                  {t('downloads.product.fileKind', { format: f.format, architecture: f.architecture })}
                </Text>
              </Table.Th>
              <Table.Td>
                {t('downloads.product.languageAndOs', {
                  language: languageName(f.language, i18n.language, t),
                  os: osName(f.os, t),
                })}
              </Table.Td>
              <Table.Td data-bytes={f.size}>{formatBytes(f.size, i18n.language)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text ff="monospace" size="xs" style={{ wordBreak: 'break-all' }} data-sha256="">
                    {f.sha256}
                  </Text>
                  <CopyIconButton value={f.sha256} label={t('downloads.product.copySha', { name: f.name })} />
                </Group>
              </Table.Td>
              {browser && (
                <Table.Td>
                  {link && (
                    <Stack gap={2}>
                      <Anchor
                        href={samePortal(link.url)}
                        download={link.name}
                        aria-label={t('downloads.product.downloadFile', { name: link.name })}
                      >
                        {t('downloads.product.download')}
                      </Anchor>
                      <Text size="xs">{t('downloads.product.expires', { date: formatDateTime(link.expiresAt, i18n.language) })}</Text>
                    </Stack>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ScrollTable>
      {prepare.isError && <KeyProblemAlert error={prepare.error} />}
      {browser && !links && (
        <Button w="fit-content" onClick={() => prepare.mutate()} loading={prepare.isPending}>
          {t('downloads.product.prepare')}
        </Button>
      )}
      {links && (
        <Text size="sm" role="status">
          {t('downloads.product.linksReady', { count: links.length })}
        </Text>
      )}
    </Stack>
  );
}

/** R-DL-3: nothing for this language and system; where there is something, it says which. */
function Unavailable({ product }: { product: ProductDownload }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const pairs = product.options.combinations.map((c) =>
    t('downloads.product.languageAndOs', { language: languageName(c.language, i18n.language, t), os: osName(c.os, t) }),
  );
  return (
    <Alert color="gray" variant="outline" data-state="unavailable" title={t('downloads.product.unavailable')}>
      {pairs.length > 0 ? t('downloads.product.availableIn', { list: list.format(pairs) }) : t('downloads.product.noFiles')}
    </Alert>
  );
}

/** R-DL-3, R-DL-4, R-DL-6, R-DL-7, R-KEY-2, R-LIC-5: one product's download page. */
export function ProductPage() {
  const { t } = useTranslation();
  const { productId } = useParams({ from: '/_app/downloads/products/$productId' });
  const settingsQuery = useQuery(downloadSettingsQuery);
  const settings = settingsQuery.data;
  const detail = useQuery({
    ...productDownloadQuery(productId, settings?.language ?? '', settings?.os ?? ''),
    enabled: !settingsQuery.isPending,
    placeholderData: (previous) => previous,
  });
  const product = detail.data;
  const title = product?.name ?? t('downloads.product.loadingTitle');
  usePageTitle(title);
  const scope = useLicensingIdsWith(DOWNLOAD_ROLES);
  const forbidden = (detail.error instanceof ApiError && detail.error.status === 403) || (scope.isSuccess && scope.rows.length === 0);
  const effective: DownloadSettings | undefined = product
    ? { method: settings?.method ?? product.selected.method, language: product.selected.language, os: product.selected.os }
    : undefined;

  return (
    <Stack gap="lg">
      <AnchorLink to="/downloads" search={{}} w="fit-content">
        {t('downloads.product.back')}
      </AnchorLink>
      <Title order={1}>
        {title}
        {product && <GrantMark granted={product.granted} />}
      </Title>
      {(detail.isPending || settingsQuery.isPending) && <Loading />}
      {forbidden && <NoAccess title={t('downloads.catalog.noRoleTitle')} description={t('downloads.catalog.noRole')} />}
      {detail.isError && !forbidden && <KeyProblemAlert error={detail.error} />}
      {product && effective && !forbidden && (
        <>
          <Text>
            {t('downloads.product.facts', {
              version: product.version,
              edition: product.edition || '-',
              category: product.category,
              family: product.family,
            })}
          </Text>
          {product.granted && <Text size="sm">{`${t('downloads.catalog.asterisk')} ${t('downloads.catalog.grantedNote')}`}</Text>}
          {product.more && <MorePanel more={product.more} />}
          {product.isCal ? (
            <Alert color="blue" variant="outline" title={t('downloads.product.calTitle')} data-state="cal">
              {t('downloads.product.cal')}
            </Alert>
          ) : (
            <>
              <KeySection product={product} />
              <DownloadSettingsPanel settings={effective} languages={product.options.languages} systems={product.options.os} />
              <Stack gap="sm" component="section" aria-labelledby="files-heading">
                <Title order={2} size="h3" id="files-heading">
                  {t('downloads.product.files')}
                </Title>
                {!product.available || product.files.length === 0 ? (
                  <Unavailable product={product} />
                ) : (
                  <>
                    {effective.method === 'MANAGER' && <ManagerInstructions product={product} />}
                    <Files
                      key={`${product.selected.language}|${product.selected.os}`}
                      product={product}
                      browser={effective.method === 'BROWSER'}
                    />
                  </>
                )}
              </Stack>
            </>
          )}
          {product.priorVersions.length > 0 && (
            <Stack gap="xs" component="section" aria-labelledby="prior-heading">
              <Title order={2} size="h4" id="prior-heading">
                {t('downloads.product.prior')}
              </Title>
              <Text size="sm">{t('downloads.product.priorHelp')}</Text>
              <List>
                {product.priorVersions.map((p) => (
                  <List.Item key={p.productId}>
                    <AnchorLink to="/downloads/products/$productId" params={{ productId: p.productId }}>
                      {p.name}
                    </AnchorLink>
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
