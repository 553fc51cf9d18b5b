import { Box, Table, type TableProps, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column's header: its label, or the label with a minimum width (a badge that must not wrap). */
export type ColumnHeading = string | { label: string; minWidth: number };

/** The header row of a table, one column header cell per column. */
export function ColumnHeads({ columns }: { columns: readonly ColumnHeading[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <Table.Th key={column} scope="col">
              {column}
            </Table.Th>
          ) : (
            <Table.Th key={column.label} scope="col" miw={column.minWidth}>
              {column.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A list as a table in a region named by its caption (the caption itself is for screen readers).
 * The region is focusable so keyboard users can scroll the table sideways on narrow screens.
 * Striped with a border unless `table` props say otherwise; `children` are the body's rows.
 */
export function ScrollTable({
  caption,
  columns,
  minWidth,
  children,
  ...table
}: { caption: string; columns: readonly ColumnHeading[]; minWidth?: number; children: ReactNode } & Omit<TableProps, 'children' | 'miw'>) {
  return (
    <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder miw={minWidth} {...table}>
        <Table.Caption className="sr-only">{caption}</Table.Caption>
        <ColumnHeads columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Box>
  );
}

/**
 * A striped table with its caption shown (the settings pages' lists of tokens and mails), in the
 * same named, focusable scroll region as ScrollTable: Mantine's scroll container is neither, so a
 * keyboard could not scroll it on a narrow screen.
 */
export function CaptionedTable({
  caption,
  columns,
  minWidth,
  children,
}: {
  caption: string;
  columns: readonly ColumnHeading[];
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <Box className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table striped miw={minWidth}>
        <Table.Caption>{caption}</Table.Caption>
        <ColumnHeads columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Box>
  );
}

/** A row's header cell: what the row is (a number, in bold) over a line that says more about it. */
export function RowHeader({ title, detail }: { title: ReactNode; detail: ReactNode }) {
  return (
    <Table.Th scope="row" fw={400}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="sm">{detail}</Text>
    </Table.Th>
  );
}
