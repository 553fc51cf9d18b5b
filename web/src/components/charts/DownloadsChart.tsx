import { NativeSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadsPerMonthQuery } from '../../api/downloads';
import type { LicensingIdRow } from '../../api/types';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { CHART_COLORS, ChartFigure } from './ChartFigure';
import { busiest, formatMonth } from './format';

/** Issue 15: downloads per month over the last twelve, on all the user's download Licensing IDs or the one chosen. */
export function DownloadsChart({ licensingIds }: { licensingIds: LicensingIdRow[] }) {
  const { t, i18n } = useTranslation();
  const [licensingId, setLicensingId] = useState('');
  const monthly = useQuery(downloadsPerMonthQuery(licensingId || undefined));
  const months = monthly.data?.months ?? [];
  const top = busiest(months);
  return (
    <Stack gap="xs">
      {licensingIds.length > 1 && (
        <NativeSelect
          label={t('charts.downloads.licensingId')}
          value={licensingId}
          onChange={(e) => setLicensingId(e.currentTarget.value)}
          data={[
            { value: '', label: t('charts.downloads.allLicensingIds') },
            ...licensingIds.map((l) => ({ value: l.id, label: `${l.number} · ${l.name}` })),
          ]}
          maw={420}
        />
      )}
      {monthly.isPending && <Loading />}
      {monthly.isError && <ErrorAlert error={monthly.error} />}
      {monthly.isSuccess && (
        <ChartFigure
          title={t('charts.downloads.title')}
          summary={t('charts.downloads.summary', {
            total: months.reduce((n, m) => n + m.count, 0),
            busiest: top ? formatMonth(top.month, i18n.language) : '',
            busiestCount: top?.count ?? 0,
          })}
          categoryLabel={t('charts.downloads.month')}
          series={[{ name: 'count', label: t('charts.downloads.count'), color: CHART_COLORS[0] }]}
          rows={months.map((m) => ({ key: m.month, label: formatMonth(m.month, i18n.language), values: { count: m.count } }))}
          testId="downloads-chart"
        />
      )}
    </Stack>
  );
}
