import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterValues, ReportFilter } from '../../api/reports';
import { codeLabel } from './codeLabel';

const rangeOf = (value: string | undefined) => {
  const [from = '', to = ''] = (value ?? '').split('..');
  return { from, to };
};

function FilterField({ filter, value, onChange }: { filter: ReportFilter; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const label = t(`reports.filters.${filter.id}`);
  if (filter.type === 'enum') {
    return (
      <NativeSelect
        label={label}
        name={filter.id}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={[
          { value: '', label: t('reports.any') },
          ...(filter.values ?? []).map((v) => ({ value: v, label: codeLabel(t, filter.id, v) })),
        ]}
      />
    );
  }
  if (filter.type === 'dateRange') {
    const { from, to } = rangeOf(value);
    const set = (f: string, t2: string) => onChange(f || t2 ? `${f}..${t2}` : '');
    return (
      <Group grow gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('reports.from', { label })}
          name={`${filter.id}-from`}
          value={from}
          onChange={(e) => set(e.currentTarget.value, to)}
        />
        <TextInput
          type="date"
          label={t('reports.to', { label })}
          name={`${filter.id}-to`}
          value={to}
          onChange={(e) => set(from, e.currentTarget.value)}
        />
      </Group>
    );
  }
  return <TextInput label={label} name={filter.id} value={value} maxLength={200} onChange={(e) => onChange(e.currentTarget.value)} />;
}

/**
 * R-REP-2: a report's filters, the primary ones at once and the rest behind "Show more filters"
 * (open when one of them has a value, so a bookmarked report shows what narrows it). Any subset
 * may be filled in; "View report" applies them.
 */
export function ReportFilters({
  filters,
  values,
  onApply,
}: {
  filters: readonly ReportFilter[];
  values: FilterValues;
  onApply: (values: FilterValues) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<FilterValues>(values);
  const more = filters.filter((f) => !f.primary);
  const [showMore, setShowMore] = useState(() => more.some((f) => values[f.id]));
  const field = (f: ReportFilter) => (
    <FilterField key={f.id} filter={f} value={draft[f.id] ?? ''} onChange={(v) => setDraft((d) => ({ ...d, [f.id]: v }))} />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  };
  return (
    <Paper withBorder p="md" component="form" role="search" aria-label={t('reports.filterForm')} onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('reports.filtersHelp')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{filters.filter((f) => f.primary).map(field)}</SimpleGrid>
        {more.length > 0 && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} id="more-report-filters" hidden={!showMore}>
              {showMore && more.map(field)}
            </SimpleGrid>
            <Button
              variant="subtle"
              w="fit-content"
              px={0}
              aria-expanded={showMore}
              aria-controls="more-report-filters"
              onClick={() => setShowMore((s) => !s)}
            >
              {showMore ? t('reports.showFewerFilters') : t('reports.showMoreFilters')}
            </Button>
          </>
        )}
        <Button type="submit" w="fit-content">
          {t('reports.view')}
        </Button>
      </Stack>
    </Paper>
  );
}
