import { Alert, Anchor, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { licenseSummaryQuery, summaryQueryString } from '../../api/licensing';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SummaryTable } from '../../components/licensing/SummaryTable';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-LIC-1: entitlements per product family and version over the Licensing IDs the user can see, filterable. */
export function LicenseSummaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('licensing.summary.title'));
  const { ids } = useSearch({ from: '/_app/licenses/license-summary' });
  const navigate = useNavigate({ from: '/licenses/license-summary' });
  const all = useQuery(licenseSummaryQuery([]));
  const summary = useQuery(licenseSummaryQuery(ids));
  const choices = all.data?.licensingIds ?? [];
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/v1/license-summary/export?format=${format}&status=all${ids.length ? `&${summaryQueryString(ids)}` : ''}`;
  const expiring = (summary.data?.licensingIds ?? []).filter(
    (l) => l.expiry.notice === 'EXPIRING_SOON' || l.expiry.notice === 'EXPIRING_URGENT',
  );

  return (
    <Stack gap="lg">
      <Title order={1}>{t('licensing.summary.title')}</Title>
      <Text maw={760}>{t('licensing.summary.intro')}</Text>
      <List size="sm" maw={760}>
        <List.Item>{t('licensing.summary.effectiveHelp')}</List.Item>
        <List.Item>{t('licensing.summary.activeSaHelp')}</List.Item>
        <List.Item>{t('licensing.summary.unresolvedHelp')}</List.Item>
      </List>
      {all.isError && <ErrorAlert error={all.error} />}
      {choices.length > 0 && (
        <Checkbox.Group
          label={t('licensing.summary.filter')}
          value={ids}
          onChange={(next) => void navigate({ search: { ids: next }, replace: true })}
        >
          <Group mt="xs">
            {choices.map((l) => (
              <Checkbox key={l.id} value={l.id} label={`${l.number} · ${l.name}`} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {expiring.length > 0 && (
        <Alert color="dark" variant="outline" role="status" title={t('licensing.summary.expiringTitle')}>
          {expiring.map((l) => (
            <Text key={l.id} c={l.expiry.notice === 'EXPIRING_URGENT' ? 'red.9' : undefined}>
              {t('licensing.summary.expiring', { number: l.number, date: l.endDate ?? '', days: l.expiry.daysLeft ?? 0 })}
            </Text>
          ))}
        </Alert>
      )}
      {summary.isPending && <Loading />}
      {summary.isError && <ErrorAlert error={summary.error} />}
      {summary.isSuccess && summary.data.rows.length === 0 && <Text>{t('licensing.summary.empty')}</Text>}
      {summary.isSuccess && summary.data.rows.length > 0 && (
        <>
          <Group>
            <Anchor href={exportHref('csv')} download>
              {t('licensing.summary.exportCsv')}
            </Anchor>
            <Anchor href={exportHref('xlsx')} download>
              {t('licensing.summary.exportXlsx')}
            </Anchor>
          </Group>
          <SummaryTable rows={summary.data.rows} caption={t('licensing.summary.caption', { date: summary.data.asOf })} />
          <Text size="sm" data-testid="totals">
            {t('licensing.summary.totals', summary.data.totals)}
          </Text>
          <Text size="sm">{t('licensing.summary.grantNote')}</Text>
          <Text size="sm">{t('licensing.summary.timing')}</Text>
        </>
      )}
    </Stack>
  );
}
