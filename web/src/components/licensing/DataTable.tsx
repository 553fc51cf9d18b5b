import { Box, Group, Pagination, Table, Text, UnstyledButton } from '@mantine/core';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The value the column sorts by; a column without one does not sort. */
  sort?: (row: T) => string | number;
  numeric?: boolean;
  /** The cell names the row (rendered as a row header). */
  rowHeader?: boolean;
  /** id of an element describing the column (help text). */
  describedBy?: string;
}

type Direction = 'ascending' | 'descending';

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Read by assistive technology and used to label the scroll region and the page navigation. */
  caption: string;
  /** Shown above the rows instead of only to assistive technology. */
  showCaption?: boolean;
  pageSize?: number;
  initialSort?: { key: string; direction: Direction };
  rowAttributes?: (row: T) => Record<string, string>;
  footer?: ReactNode;
  minWidth?: number;
}

const compare = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });

/**
 * A table sortable by column (aria-sort on the header) and paginated on the client when the rows
 * outgrow one page, so even 10,000 order lines render one page at a time.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  showCaption,
  pageSize = 50,
  initialSort,
  rowAttributes,
  footer,
  minWidth = 640,
}: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState(initialSort);
  const [page, setPage] = useState(1);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column?.sort || !sort) return rows;
    const by = column.sort;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => sign * compare(by(a), by(b)));
  }, [rows, columns, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  useEffect(() => {
    if (page > pages) setPage(1);
  }, [page, pages]);
  const current = Math.min(page, pages);
  const shown = sorted.slice((current - 1) * pageSize, current * pageSize);
  const number = new Intl.NumberFormat(i18n.language);

  const toggle = (key: string) => {
    setSort((s) => ({ key, direction: s?.key === key && s.direction === 'ascending' ? 'descending' : 'ascending' }));
    setPage(1);
  };

  return (
    <Box>
      {/* Focusable so keyboard users can scroll a wide table sideways. */}
      <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table striped withTableBorder verticalSpacing="xs" miw={minWidth}>
          <Table.Caption className={showCaption ? undefined : 'sr-only'} style={{ captionSide: 'top', textAlign: 'start' }}>
            {caption}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <Table.Th
                    key={c.key}
                    scope="col"
                    ta={c.numeric ? 'end' : undefined}
                    aria-sort={c.sort ? (active ? sort?.direction : 'none') : undefined}
                  >
                    {c.sort ? (
                      <UnstyledButton
                        onClick={() => toggle(c.key)}
                        fw={700}
                        fz="sm"
                        aria-describedby={c.describedBy}
                        data-sort-column={c.key}
                      >
                        {c.header}
                        <Text span aria-hidden="true" ml={4} c={active ? undefined : 'dimmed'}>
                          {active ? (sort?.direction === 'ascending' ? '▲' : '▼') : '↕'}
                        </Text>
                      </UnstyledButton>
                    ) : (
                      <Text span fw={700} fz="sm" aria-describedby={c.describedBy}>
                        {c.header}
                      </Text>
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={rowKey(row)} {...rowAttributes?.(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <Table.Th key={c.key} scope="row" fw={600}>
                      {c.cell(row)}
                    </Table.Th>
                  ) : (
                    <Table.Td key={c.key} ta={c.numeric ? 'end' : undefined} data-column={c.key}>
                      {c.cell(row)}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
          {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
        </Table>
      </Box>
      {pages > 1 && (
        <Group component="nav" aria-label={t('licensing.table.pages', { caption })} justify="space-between" mt="sm">
          <Text size="sm" aria-live="polite">
            {t('licensing.table.range', {
              from: number.format((current - 1) * pageSize + 1),
              to: number.format((current - 1) * pageSize + shown.length),
              total: number.format(sorted.length),
            })}
          </Text>
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            withEdges
            size="sm"
            getItemProps={(p) => ({ 'aria-label': t('licensing.table.page', { page: p }) })}
            getControlProps={(control) => ({ 'aria-label': t(`licensing.table.${control}`) })}
          />
        </Group>
      )}
    </Box>
  );
}
