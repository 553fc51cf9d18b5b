import { Alert, Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REPORT_CAP, REPORT_PAGE_SIZE, type ReportResult } from '../../api/reports';
import { formatDate } from '../../lib/format';
import { EmptyNotice } from '../EmptyNotice';
import { codeLabel } from './codeLabel';

/** A cell as its column says: a date for the locale, a number right-aligned, anything else as it is. */
function Cell({ column, type, value }: { column: string; type: string; value: string | number | null | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (value === null || value === undefined) return <Table.Td />;
  if (type === 'code') return <Table.Td data-code={value}>{codeLabel(t, column, String(value))}</Table.Td>;
  if (type === 'date') return <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(String(value), locale)}</Table.Td>;
  if (type === 'integer' || type === 'money') return <Table.Td ta="end">{Number(value).toLocaleString(locale)}</Table.Td>;
  return <Table.Td style={{ overflowWrap: 'anywhere' }}>{String(value)}</Table.Td>;
}

/**
 * A page of a report's records (R-REP-4): the warning when more records match than the 10,000 a
 * report shows, the count, the table, and the way to the previous and next page.
 */
export function ReportTable({
  name,
  result,
  page,
  onPrevious,
  onNext,
}: {
  name: string;
  result: ReportResult;
  page: number;
  onPrevious?: () => void;
  onNext?: () => void;
}) {
  const { t } = useTranslation();
  const caption = t('reports.caption', { name });
  const first = page * REPORT_PAGE_SIZE + 1;
  return (
    <Stack gap="sm">
      {result.truncated && (
        <Alert color="yellow" variant="outline" role="status" data-state="truncated">
          {t('reports.truncated', { shown: REPORT_CAP, total: result.total })}
        </Alert>
      )}
      {result.rows.length === 0 ? (
        <EmptyNotice title={t('reports.empty.title')} description={t('reports.empty.description')} data-state="empty" />
      ) : (
        <>
          <Text size="sm" role="status">
            {t('reports.count', { total: result.total })} · {t('reports.pageOf', { from: first, to: first + result.rows.length - 1 })}
          </Text>
          <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
            <Table striped withTableBorder verticalSpacing="xs" data-report={result.report}>
              <Table.Caption className="sr-only">{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {result.columns.map((c) => (
                    <Table.Th key={c.id} scope="col" ta={c.type === 'integer' || c.type === 'money' ? 'end' : undefined}>
                      {t(`reports.columns.${c.id}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rows.map((row, i) => (
                  // Rows have no id of their own; their place in the stable order is their key.
                  <Table.Tr key={first + i}>
                    {result.columns.map((c) => (
                      <Cell key={c.id} column={c.id} type={c.type} value={row[c.id]} />
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          {(onPrevious || onNext) && (
            <Group gap="sm">
              <Button variant="default" size="xs" onClick={onPrevious} disabled={!onPrevious}>
                {t('reports.previous')}
              </Button>
              <Button variant="default" size="xs" onClick={onNext} disabled={!onNext}>
                {t('reports.next')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

/** The cursors of the pages seen so far: the first page has none. */
export function nextPages(cursors: (string | null)[], next: string | null): (string | null)[] {
  return next ? [...cursors, next] : cursors;
}
