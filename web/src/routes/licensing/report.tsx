import { Anchor, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type LicensingIdReport, licensingIdReportQuery, type Order, type OrderLine, type PurchaseHistoryItem } from '../../api/licensing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { ContactsTable } from '../../components/licensing/ContactsTable';
import { DataTable } from '../../components/licensing/DataTable';
import { DimmedSection } from '../../components/licensing/DimmedSection';
import { EndDate, ExpiryBadge } from '../../components/licensing/ExpiryNotice';
import { Facts } from '../../components/licensing/Facts';
import { ListedIds } from '../../components/licensing/ListedIds';
import { ReportBreadcrumbs } from '../../components/licensing/ReportBreadcrumbs';
import { SummaryTable } from '../../components/licensing/SummaryTable';
import { ChangePartnerLink } from '../../components/partner-change/ChangePartnerLink';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';

/** Order lines per page: an order can have thousands of lines. */
const LINES_PER_PAGE = 50;

function GrantMark() {
  const { t } = useTranslation();
  return (
    <>
      <Text span aria-hidden="true" fw={700} data-grant="true">
        {' *'}
      </Text>
      <VisuallyHidden>{t('licensing.summary.grantedMark')}</VisuallyHidden>
    </>
  );
}

function Details({ r }: { r: LicensingIdReport }) {
  const { t, i18n } = useTranslation();
  const l = r.licensingId;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const agreement = (a: LicensingIdReport['licensingId']['parent']) =>
    a ? [a.number, programName(t, a.programCode, a.programName)].filter(Boolean).join(' · ') : t('licensing.report.none');
  const items = [
    { key: 'name', label: t('relationship.columns.name'), value: l.name },
    { key: 'program', label: t('relationship.columns.program'), value: programName(t, l.programCode, l.programName) },
    { key: 'kind', label: t('relationship.columns.kind'), value: t(`kinds.${l.kind}`) },
    ...(l.authorizationNumber
      ? [{ key: 'authorization', label: t('licensing.report.authorizationNumber'), value: l.authorizationNumber }]
      : []),
    { key: 'status', label: t('relationship.columns.status'), value: <StatusBadge status={l.status} /> },
    { key: 'start', label: t('relationship.columns.startDate'), value: formatDate(l.startDate, i18n.language) },
    {
      key: 'end',
      label: t('relationship.columns.endDate'),
      value: (
        <Group gap="xs" component="span">
          <EndDate endDate={l.endDate} expiry={l.expiry} />
          <ExpiryBadge expiry={l.expiry} />
        </Group>
      ),
    },
    { key: 'priceLevel', label: t('licensing.report.priceLevel'), value: l.priceLevel ?? t('licensing.report.none') },
    ...(l.affiliateRole
      ? [{ key: 'affiliateRole', label: t('licensing.report.affiliateRole'), value: t(`licensing.affiliateRoles.${l.affiliateRole}`) }]
      : []),
    { key: 'parent', label: t('licensing.report.parent'), value: agreement(l.parent) },
    { key: 'mbsa', label: t('licensing.report.mbsa'), value: agreement(l.mbsa) },
    {
      key: 'roles',
      label: t('relationship.columns.roles'),
      value: l.roles.length ? list.format([...new Set(l.roles)].map((role) => t(`roles.${role}`))) : t('licensing.report.none'),
    },
  ];
  return <Facts items={items} />;
}

/** R-REL-4 links to the agreement reports; R-REL-5 dims one the user may not open; R-REL-2 none for Open programs. */
function AgreementReportLinks({ r }: { r: LicensingIdReport }) {
  const { t } = useTranslation();
  const { parent, mbsa } = r.reports;
  const open = r.licensingId.openProgram;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agreement-reports">
      <Title order={2} size="h4" mb="xs" id="agreement-reports">
        {t('licensing.report.agreementReports')}
      </Title>
      <Stack gap={6}>
        {parent.offered && parent.visible && (
          <Anchor component={Link} to={`/licenses/licensing-ids/${r.licensingId.id}/parent-report`}>
            {t('licensing.report.parentLink')}
          </Anchor>
        )}
        {parent.offered && !parent.visible && (
          <Text c="gray.8" data-dimmed="true">
            {t('licensing.report.parentDimmed')}
          </Text>
        )}
        {!parent.offered && <Text size="sm">{t(open ? 'licensing.report.noParentOpen' : 'licensing.report.noParent')}</Text>}
        {mbsa.offered && mbsa.visible && (
          <Anchor component={Link} to={`/licenses/licensing-ids/${r.licensingId.id}/mbsa-report`}>
            {t('licensing.report.mbsaLink')}
          </Anchor>
        )}
        {mbsa.offered && !mbsa.visible && (
          <Text c="gray.8" data-dimmed="true">
            {t('licensing.report.mbsaDimmed')}
          </Text>
        )}
        {!mbsa.offered && (
          <Text size="sm" data-testid="no-mbsa">
            {t(open ? 'licensing.report.noMbsaOpen' : 'licensing.report.noMbsa')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function OrdersTable({ items }: { items: Order[] }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  if (items.length === 0) return <Text>{t('licensing.report.noOrders')}</Text>;
  return (
    <DataTable<Order>
      caption={t('licensing.report.orders')}
      rows={items}
      rowKey={(o) => o.id}
      rowAttributes={(o) => ({ 'data-order': o.orderNumber })}
      initialSort={{ key: 'orderDate', direction: 'descending' }}
      pageSize={LINES_PER_PAGE}
      columns={[
        {
          key: 'orderNumber',
          header: t('licensing.report.orderNumber'),
          rowHeader: true,
          cell: (o) => o.orderNumber,
          sort: (o) => o.orderNumber,
        },
        {
          key: 'orderDate',
          header: t('licensing.report.orderDate'),
          cell: (o) => formatDate(o.orderDate, i18n.language),
          sort: (o) => o.orderDate,
        },
        {
          key: 'receivedAt',
          header: t('licensing.report.receivedAt'),
          cell: (o) => formatDate(o.receivedAt.slice(0, 10), i18n.language),
          sort: (o) => o.receivedAt,
        },
        {
          key: 'lineCount',
          header: t('licensing.report.lineCount'),
          numeric: true,
          cell: (o) => n.format(o.lineCount),
          sort: (o) => o.lineCount,
        },
        {
          key: 'totalQuantity',
          header: t('licensing.report.quantity'),
          numeric: true,
          cell: (o) => n.format(o.totalQuantity),
          sort: (o) => o.totalQuantity,
        },
      ]}
    />
  );
}

function OrderDetailsTable({ items, truncated }: { items: OrderLine[]; truncated: boolean }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : t('relationship.noEndDate'));
  if (items.length === 0) return <Text>{t('licensing.report.noOrders')}</Text>;
  return (
    <>
      <DataTable<OrderLine>
        caption={t('licensing.report.orderDetails')}
        rows={items}
        rowKey={(l) => `${l.orderNumber}-${l.line}`}
        rowAttributes={(l) => ({ 'data-order-line': `${l.orderNumber}-${l.line}` })}
        initialSort={{ key: 'order', direction: 'descending' }}
        pageSize={LINES_PER_PAGE}
        minWidth={1000}
        columns={[
          {
            key: 'order',
            header: t('licensing.report.orderNumber'),
            cell: (l) => (
              <Text span fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {l.orderNumber}
              </Text>
            ),
            // Newest order first, its lines in order.
            sort: (l) => `${l.orderDate} ${l.orderNumber} ${String(1_000_000 - l.line).padStart(7, '0')}`,
          },
          { key: 'line', header: t('licensing.report.line'), numeric: true, cell: (l) => l.line, sort: (l) => l.line },
          {
            key: 'product',
            header: t('licensing.report.product'),
            rowHeader: true,
            cell: (l) => (
              <>
                {l.product.name}
                {l.grant && <GrantMark />}
              </>
            ),
            sort: (l) => l.product.name,
          },
          {
            key: 'licenseType',
            header: t('licensing.report.licenseType'),
            cell: (l) => t(`licensing.licenseTypes.${l.licenseType}`),
            sort: (l) => t(`licensing.licenseTypes.${l.licenseType}`),
          },
          {
            key: 'quantity',
            header: t('licensing.report.quantity'),
            numeric: true,
            cell: (l) => n.format(l.quantity),
            sort: (l) => l.quantity,
          },
          {
            key: 'coverageStart',
            header: t('licensing.report.coverageStart'),
            cell: (l) => date(l.coverageStart),
            sort: (l) => l.coverageStart,
          },
          {
            key: 'coverageEnd',
            header: t('licensing.report.coverageEnd'),
            cell: (l) => date(l.coverageEnd),
            sort: (l) => l.coverageEnd ?? '9999-12-31',
          },
          { key: 'countsFrom', header: t('licensing.report.countsFrom'), cell: (l) => date(l.countsFrom), sort: (l) => l.countsFrom },
        ]}
      />
      {items.some((l) => l.grant) && (
        <Text size="sm" mt="xs">
          {t('licensing.summary.grantNote')}
        </Text>
      )}
      {truncated && (
        <Text size="sm" mt="xs" data-testid="truncated">
          {t('licensing.report.truncated', { shown: items.length })}
        </Text>
      )}
    </>
  );
}

function HistoryTable({ items }: { items: PurchaseHistoryItem[] }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  if (items.length === 0) return <Text>{t('licensing.report.noOrders')}</Text>;
  return (
    <>
      <DataTable<PurchaseHistoryItem>
        caption={t('licensing.report.history')}
        rows={items}
        rowKey={(h) => `${h.product.id}-${h.licenseType}-${h.grant}`}
        initialSort={{ key: 'product', direction: 'ascending' }}
        pageSize={LINES_PER_PAGE}
        minWidth={900}
        columns={[
          {
            key: 'product',
            header: t('licensing.report.product'),
            rowHeader: true,
            cell: (h) => (
              <>
                {h.product.name}
                {h.grant && <GrantMark />}
              </>
            ),
            sort: (h) => h.product.name,
          },
          {
            key: 'pool',
            header: t('licensing.summary.pool'),
            cell: (h) => t(`licensing.pools.${h.product.pool}`),
            sort: (h) => h.product.pool,
          },
          {
            key: 'licenseType',
            header: t('licensing.report.licenseType'),
            cell: (h) => t(`licensing.licenseTypes.${h.licenseType}`),
            sort: (h) => t(`licensing.licenseTypes.${h.licenseType}`),
          },
          {
            key: 'quantity',
            header: t('licensing.report.quantity'),
            numeric: true,
            cell: (h) => n.format(h.quantity),
            sort: (h) => h.quantity,
          },
          {
            key: 'orderCount',
            header: t('licensing.report.orderCount'),
            numeric: true,
            cell: (h) => n.format(h.orderCount),
            sort: (h) => h.orderCount,
          },
          {
            key: 'firstOrderDate',
            header: t('licensing.report.firstOrderDate'),
            cell: (h) => formatDate(h.firstOrderDate, i18n.language),
            sort: (h) => h.firstOrderDate,
          },
          {
            key: 'lastOrderDate',
            header: t('licensing.report.lastOrderDate'),
            cell: (h) => formatDate(h.lastOrderDate, i18n.language),
            sort: (h) => h.lastOrderDate,
          },
        ]}
      />
      {items.some((h) => h.grant) && (
        <Text size="sm" mt="xs">
          {t('licensing.summary.grantNote')}
        </Text>
      )}
    </>
  );
}

const SECTIONS = ['details', 'contacts', 'related', 'orders', 'orderDetails', 'affiliates', 'history'] as const;

function SectionNav({ r }: { r: LicensingIdReport }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('licensing.report.sectionsNav')}>
      <Group gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {SECTIONS.filter((s) => s !== 'affiliates' || r.affiliates).map((s) => (
          <li key={s}>
            <Anchor href={`#section-${s}`} size="sm">
              {t(`licensing.report.${s}`)}
            </Anchor>
          </li>
        ))}
      </Group>
    </nav>
  );
}

function Report({ r }: { r: LicensingIdReport }) {
  const { t, i18n } = useTranslation();
  const contacts =
    r.channelPartner && !r.contacts.some((c) => c.type === 'CHANNEL_PARTNER')
      ? [...r.contacts, { type: 'CHANNEL_PARTNER' as const, ...r.channelPartner }]
      : r.contacts;
  return (
    <>
      <SectionNav r={r} />
      <DimmedSection id="section-details" title={t('licensing.report.details')} visible>
        <Details r={r} />
      </DimmedSection>
      <AgreementReportLinks r={r} />
      <DimmedSection id="section-contacts" title={t('licensing.report.contacts')} visible>
        <ContactsTable contacts={contacts} caption={t('licensing.report.contacts')} />
        <ChangePartnerLink id={r.licensingId.id} programCode={r.licensingId.programCode} roles={r.licensingId.roles} />
      </DimmedSection>
      <DimmedSection id="section-related" title={t('licensing.report.related')} visible={r.relatedLicenses.visible}>
        {r.relatedLicenses.visible &&
          (r.relatedLicenses.rows.length === 0 ? (
            <Text>{t('licensing.report.noOrders')}</Text>
          ) : (
            <>
              <Text size="sm" mb="xs">
                {t('licensing.report.relatedNote', { date: formatDate(r.relatedLicenses.asOf, i18n.language) })}
              </Text>
              <SummaryTable rows={r.relatedLicenses.rows} caption={t('licensing.report.related')} />
              {r.relatedLicenses.rows.some((row) => row.granted) && (
                <Text size="sm" mt="xs">
                  {t('licensing.summary.grantNote')}
                </Text>
              )}
            </>
          ))}
      </DimmedSection>
      <DimmedSection id="section-orders" title={t('licensing.report.orders')} visible={r.orders.visible}>
        {r.orders.visible && <OrdersTable items={r.orders.items} />}
      </DimmedSection>
      <DimmedSection id="section-orderDetails" title={t('licensing.report.orderDetails')} visible={r.orderDetails.visible}>
        {r.orderDetails.visible && <OrderDetailsTable items={r.orderDetails.items} truncated={r.orderDetails.truncated} />}
      </DimmedSection>
      {r.affiliates && (
        <DimmedSection id="section-affiliates" title={t('licensing.report.affiliates')} visible={r.affiliates.visible}>
          {r.affiliates.visible &&
            (r.affiliates.items.length === 0 ? (
              <Text>{t('licensing.report.noAffiliates')}</Text>
            ) : (
              <ListedIds
                items={r.affiliates.items.map((a) => ({ ...a, visible: true as const }))}
                caption={t('licensing.report.affiliates')}
              />
            ))}
        </DimmedSection>
      )}
      <DimmedSection id="section-history" title={t('licensing.report.history')} visible={r.purchaseHistory.visible}>
        {r.purchaseHistory.visible && <HistoryTable items={r.purchaseHistory.items} />}
      </DimmedSection>
    </>
  );
}

/** R-REL-4: Licensing ID details — details and contacts, related licenses, orders, order details, purchase history, affiliates. */
export function LicensingIdReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId' });
  const report = useQuery(licensingIdReportQuery(licensingId));
  const number = report.data?.licensingId.number;
  const title = number ? t('licensing.report.title', { number }) : t('licensing.report.titleLoading');
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <ReportBreadcrumbs licensingId={licensingId} />
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.data && <Report r={report.data} />}
    </Stack>
  );
}
