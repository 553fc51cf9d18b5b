import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SummaryRow } from '../../api/licensing';

/** R-LIC-2 quantities per family and version; R-LIC-5 grants marked with an asterisk. */
export function SummaryTable({ rows, caption }: { rows: SummaryRow[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('licensing.summary.pool')}</Table.Th>
            <Table.Th scope="col">{t('licensing.summary.product')}</Table.Th>
            <Table.Th scope="col">{t('licensing.summary.effective')}</Table.Th>
            <Table.Th scope="col">{t('licensing.summary.activeSa')}</Table.Th>
            <Table.Th scope="col">{t('licensing.summary.unresolved')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.pool}-${r.familyId}-${r.version}`} data-product={`${r.family} ${r.version}`}>
              <Table.Td>{t(`licensing.pools.${r.pool}`)}</Table.Td>
              <Table.Td>
                {r.family} {r.version}
                {r.granted && (
                  <Text span title={t('licensing.summary.grantNote')}>
                    {' *'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-column="effective">{r.effectiveQuantity}</Table.Td>
              <Table.Td data-column="activeSa">{r.activeSaQuantity}</Table.Td>
              <Table.Td data-column="unresolved">{r.unresolvedQuantity}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
