import { BarChart, LineChart } from '@mantine/charts';
import { Box, Paper, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../tables';

/** One series of a chart: its key in the rows, its label (translated) and a colour that stands out on white (3:1 at least). */
export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

/** One category of a chart (a day, a month, a pool): its label (formatted) and one value per series. */
export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, number>;
}

export interface ChartFigureProps {
  title: string;
  /** A sentence or two saying what the chart shows (totals, the highest): read by everyone, and the chart's name for screen readers. */
  summary: string;
  /** The header of the table's first column (what a row is: day, month, pool). */
  categoryLabel: string;
  series: ChartSeries[];
  rows: ChartRow[];
  kind?: 'bar' | 'line';
  /** Bars across (categories down the side): long labels such as product families read on a narrow screen. */
  horizontal?: boolean;
  headingOrder?: 2 | 3;
  testId?: string;
}

/** Colours for series that meet 3:1 against white (WCAG 1.4.11) and tell apart from each other. */
export const CHART_COLORS = ['blue.8', 'orange.9', 'teal.9', 'grape.8'] as const;

/**
 * A chart with a visible title and summary, and the same numbers as a table behind "Show as
 * table": the chart is a picture (role img, named by the summary), the table is what a screen
 * reader or a keyboard user reads. Numbers are formatted for the page's language.
 */
export function ChartFigure({
  title,
  summary,
  categoryLabel,
  series,
  rows,
  kind = 'bar',
  horizontal = false,
  headingOrder = 2,
  testId,
}: ChartFigureProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const summaryId = useId();
  // The table is built when opened: a closed one would only be rows nobody sees, and a page's own tables stay its only rows.
  const [tableShown, setTableShown] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const format = (n: number) => number.format(n);
  const data = rows.map((r) => ({ category: r.label, ...r.values }));
  const height = horizontal ? Math.max(160, 48 + rows.length * 36) : 260;
  const common = {
    h: height,
    data,
    dataKey: 'category',
    series,
    valueFormatter: format,
    textColor: 'gray.8',
    gridColor: 'gray.4',
    withLegend: series.length > 1,
    tooltipAnimationDuration: 0,
  };
  return (
    <Paper withBorder p="md" component="figure" m={0} aria-labelledby={titleId} data-testid={testId}>
      <Title order={headingOrder} size="h4" id={titleId} mb="xs">
        {title}
      </Title>
      <Text size="sm" id={summaryId} mb="sm" data-testid={testId ? `${testId}-summary` : undefined}>
        {summary}
      </Text>
      <Box role="img" aria-labelledby={summaryId} data-chart={kind} miw={0}>
        {kind === 'line' ? (
          <LineChart {...common} curveType="linear" withDots={rows.length <= 31} lineChartProps={{ accessibilityLayer: false }} />
        ) : (
          <BarChart
            {...common}
            orientation={horizontal ? 'vertical' : 'horizontal'}
            yAxisProps={horizontal ? { width: 120 } : undefined}
            barChartProps={{ accessibilityLayer: false }}
          />
        )}
      </Box>
      <Box
        component="details"
        mt="sm"
        data-testid={testId ? `${testId}-details` : undefined}
        onToggle={(e) => setTableShown(e.currentTarget.open)}
      >
        <Text component="summary" size="sm" fw={600}>
          {t('charts.showTable')}
        </Text>
        {tableShown && (
          <ScrollTable caption={title} columns={[categoryLabel, ...series.map((s) => s.label)]} mt="xs">
            {rows.map((r) => (
              <Table.Tr key={r.key} data-category={r.key}>
                <Table.Th scope="row" fw={400}>
                  {r.label}
                </Table.Th>
                {series.map((s) => (
                  <Table.Td key={s.name} data-series={s.name} ta="end">
                    {format(r.values[s.name] ?? 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </Box>
    </Paper>
  );
}
