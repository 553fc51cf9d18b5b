import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { activationsPerDayQuery } from '../../api/keys';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { CHART_COLORS, ChartFigure } from './ChartFigure';
import { busiest, formatDay } from './format';

/** How many days the activations chart shows. */
export const ACTIVATION_CHART_DAYS = 30;

/** Issue 15: a key's activations per day over the last 30 days (UTC days), zeros included. */
export function ActivationsChart({ keyId }: { keyId: string }) {
  const { t, i18n } = useTranslation();
  const daily = useQuery(activationsPerDayQuery(keyId, ACTIVATION_CHART_DAYS));
  if (daily.isPending) return <Loading />;
  if (daily.isError) return <ErrorAlert error={daily.error} />;
  const days = daily.data.days;
  const top = busiest(days);
  return (
    <ChartFigure
      title={t('charts.activations.title', { days: ACTIVATION_CHART_DAYS })}
      summary={t('charts.activations.summary', {
        days: ACTIVATION_CHART_DAYS,
        total: days.reduce((n, d) => n + d.count, 0),
        busiest: top ? formatDay(top.day, i18n.language) : '',
        busiestCount: top?.count ?? 0,
      })}
      categoryLabel={t('charts.activations.day')}
      series={[{ name: 'count', label: t('charts.activations.count'), color: CHART_COLORS[0] }]}
      rows={days.map((d) => ({ key: d.day, label: formatDay(d.day, i18n.language), values: { count: d.count } }))}
      kind="line"
      testId="activations-chart"
    />
  );
}
