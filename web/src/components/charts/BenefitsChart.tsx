import { useTranslation } from 'react-i18next';
import type { SaSummaryRow } from '../../api/software-assurance';
import { CHART_COLORS, ChartFigure } from './ChartFigure';

/**
 * Issue 15 (R-SA-3): per benefit on the SA Summary's page, how much is eligible and how much is
 * used, added up over its Licensing IDs. Benefits that are not measured (no quantity) are left out.
 */
export function BenefitsChart({ rows }: { rows: SaSummaryRow[] }) {
  const { t } = useTranslation();
  const perBenefit = new Map<string, { eligible: number; used: number }>();
  for (const r of rows) {
    if (r.unit === 'UNMEASURED' || r.eligibleQuantity === null) continue;
    const b = perBenefit.get(r.benefit) ?? { eligible: 0, used: 0 };
    b.eligible += r.eligibleQuantity;
    b.used += r.usedQuantity ?? 0;
    perBenefit.set(r.benefit, b);
  }
  if (perBenefit.size === 0) return null;
  const chartRows = [...perBenefit.entries()].map(([benefit, v]) => ({
    key: benefit,
    label: t(`softwareAssurance.benefits.${benefit}`),
    values: v,
  }));
  return (
    <ChartFigure
      title={t('charts.benefits.title')}
      summary={t('charts.benefits.summary', {
        benefits: chartRows.length,
        eligible: chartRows.reduce((n, r) => n + r.values.eligible, 0),
        used: chartRows.reduce((n, r) => n + r.values.used, 0),
      })}
      categoryLabel={t('charts.benefits.benefit')}
      series={[
        { name: 'eligible', label: t('charts.benefits.eligible'), color: CHART_COLORS[0] },
        { name: 'used', label: t('charts.benefits.used'), color: CHART_COLORS[1] },
      ]}
      rows={chartRows}
      horizontal
      testId="benefits-chart"
    />
  );
}
