import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POOLS, type SummaryRow } from '../../api/licensing';
import { CHART_COLORS, ChartFigure } from './ChartFigure';
import { busiest } from './format';

/** Issue 15 (R-LIC-1): the effective quantities of the summary's rows added up per pool and per product family. */
export function LicenseSummaryCharts({ rows }: { rows: SummaryRow[] }) {
  const { t } = useTranslation();
  const series = [{ name: 'effective', label: t('charts.licenseSummary.effective'), color: CHART_COLORS[0] }];
  const perPool = POOLS.map((pool) => ({
    key: pool,
    label: t(`licensing.pools.${pool}`),
    count: rows.filter((r) => r.pool === pool).reduce((n, r) => n + r.effectiveQuantity, 0),
  }));
  const families = new Map<string, { key: string; label: string; count: number }>();
  for (const r of rows) {
    const f = families.get(r.familyId) ?? { key: r.familyId, label: r.family, count: 0 };
    f.count += r.effectiveQuantity;
    families.set(r.familyId, f);
  }
  const perFamily = [...families.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const topPool = busiest(perPool);
  const topFamily = busiest(perFamily);
  const asRows = (items: { key: string; label: string; count: number }[]) =>
    items.map((i) => ({ key: i.key, label: i.label, values: { effective: i.count } }));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="license-summary-charts">
      <ChartFigure
        title={t('charts.licenseSummary.poolTitle')}
        summary={t('charts.licenseSummary.poolSummary', {
          total: perPool.reduce((n, p) => n + p.count, 0),
          top: topPool?.label ?? '',
          topCount: topPool?.count ?? 0,
        })}
        categoryLabel={t('charts.licenseSummary.pool')}
        series={series}
        rows={asRows(perPool)}
        testId="pool-chart"
      />
      <ChartFigure
        title={t('charts.licenseSummary.familyTitle')}
        summary={t('charts.licenseSummary.familySummary', {
          families: perFamily.length,
          top: topFamily?.label ?? '',
          topCount: topFamily?.count ?? 0,
        })}
        categoryLabel={t('charts.licenseSummary.family')}
        series={series}
        rows={asRows(perFamily)}
        horizontal
        testId="family-chart"
      />
    </SimpleGrid>
  );
}
