import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POOLS, PURCHASED_TYPES, type SummaryRow } from '../../api/licensing';
import { type Column, DataTable } from './DataTable';

export const HELP_IDS = {
  effective: 'help-effective-quantity',
  activeSa: 'help-active-sa-quantity',
  unresolved: 'help-unresolved-quantity',
} as const;

type Totals = { effectiveQuantity: number; activeSaQuantity: number; unresolvedQuantity: number };

/**
 * R-LIC-2 quantities per product family and version, R-LIC-4 pools, R-LIC-5 grants marked with an
 * asterisk (the footnote sits under the table). With `purchased`, the quantities bought per license type too.
 */
export function SummaryTable({
  rows,
  caption,
  totals,
  purchased = false,
  withHelp = false,
}: {
  rows: readonly SummaryRow[];
  caption: string;
  totals?: Totals;
  purchased?: boolean;
  /** The column headers point at the help text (HELP_IDS) rendered on the same page. */
  withHelp?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  /** A right-aligned, sortable count column. */
  const quantity = (key: string, header: string, value: (r: SummaryRow) => number, describedBy?: string): Column<SummaryRow> => ({
    key,
    header,
    numeric: true,
    cell: (r) => n.format(value(r)),
    sort: value,
    describedBy,
  });
  const columns: Column<SummaryRow>[] = [
    {
      key: 'pool',
      header: t('licensing.summary.pool'),
      cell: (r) => t(`licensing.pools.${r.pool}`),
      sort: (r) => `${POOLS.indexOf(r.pool)} ${r.family} ${r.version}`,
    },
    {
      key: 'product',
      header: t('licensing.summary.product'),
      rowHeader: true,
      cell: (r) => (
        <>
          {r.family} {r.version}
          {r.granted && (
            <>
              <Text span aria-hidden="true" fw={700} data-grant="true">
                {' *'}
              </Text>
              <VisuallyHidden>{t('licensing.summary.grantedMark')}</VisuallyHidden>
            </>
          )}
        </>
      ),
      sort: (r) => `${r.family} ${r.version}`,
    },
    quantity('effective', t('licensing.summary.effective'), (r) => r.effectiveQuantity, withHelp ? HELP_IDS.effective : undefined),
    quantity('activeSa', t('licensing.summary.activeSa'), (r) => r.activeSaQuantity, withHelp ? HELP_IDS.activeSa : undefined),
    quantity('unresolved', t('licensing.summary.unresolved'), (r) => r.unresolvedQuantity, withHelp ? HELP_IDS.unresolved : undefined),
  ];
  if (purchased) {
    for (const type of PURCHASED_TYPES) {
      columns.push(quantity(`purchased-${type}`, t(`licensing.licenseTypesShort.${type}`), (r) => r.purchased[type]));
    }
    columns.push(quantity('granted', t('licensing.summary.grantQuantity'), (r) => r.grantQuantity));
  }
  const sum = (f: (r: SummaryRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = totals ?? {
    effectiveQuantity: sum((r) => r.effectiveQuantity),
    activeSaQuantity: sum((r) => r.activeSaQuantity),
    unresolvedQuantity: sum((r) => r.unresolvedQuantity),
  };
  return (
    <DataTable
      columns={columns}
      rows={rows}
      caption={caption}
      rowKey={(r) => `${r.pool}-${r.familyId}-${r.version}`}
      rowAttributes={(r) => ({ 'data-product': `${r.family} ${r.version}` })}
      initialSort={{ key: 'pool', direction: 'ascending' }}
      minWidth={purchased ? 1100 : 720}
      footer={
        <Table.Tr data-testid="totals-row">
          <Table.Th scope="row" colSpan={2}>
            {t('licensing.summary.total')}
          </Table.Th>
          <Table.Td ta="end" fw={700} data-total="effective">
            {n.format(total.effectiveQuantity)}
          </Table.Td>
          <Table.Td ta="end" fw={700} data-total="activeSa">
            {n.format(total.activeSaQuantity)}
          </Table.Td>
          <Table.Td ta="end" fw={700} data-total="unresolved">
            {n.format(total.unresolvedQuantity)}
          </Table.Td>
          {purchased && (
            <>
              {PURCHASED_TYPES.map((type) => (
                <Table.Td key={type} ta="end" fw={700}>
                  {n.format(sum((r) => r.purchased[type]))}
                </Table.Td>
              ))}
              <Table.Td ta="end" fw={700}>
                {n.format(sum((r) => r.grantQuantity))}
              </Table.Td>
            </>
          )}
        </Table.Tr>
      }
    />
  );
}
