import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { LicensingIdRow } from '../api/types';
import { formatDate } from '../lib/format';
import { programName } from '../lib/programName';
import { StatusBadge } from './StatusBadge';
import { ScrollTable } from './tables';

const COLUMNS = ['number', 'name', 'program', 'kind', 'status', 'startDate', 'endDate', 'roles'] as const;

/** One parent agreement's Licensing IDs with the signed-in user's roles on each. */
export function LicensingIdTable({ rows, caption }: { rows: LicensingIdRow[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  return (
    <ScrollTable
      caption={caption}
      minWidth={900}
      columns={COLUMNS.map((column) => t(`relationship.columns.${column}`))}
      verticalSpacing="xs"
    >
      {rows.map((row) => (
        <Table.Tr key={row.id} data-licensing-id={row.number}>
          <Table.Th scope="row" fw={600}>
            <Anchor component={Link} to={`/licenses/licensing-ids/${row.id}`}>
              {row.number}
            </Anchor>
            {row.authorizationNumber && (
              <Text size="xs" fw={400}>
                {t('relationship.authorizationNumber', { number: row.authorizationNumber })}
              </Text>
            )}
          </Table.Th>
          <Table.Td>{row.name}</Table.Td>
          <Table.Td>{programName(t, row.programCode, row.programName)}</Table.Td>
          <Table.Td>{t(`kinds.${row.kind}`)}</Table.Td>
          <Table.Td>
            <StatusBadge status={row.status} />
          </Table.Td>
          <Table.Td>{formatDate(row.startDate, i18n.language)}</Table.Td>
          <Table.Td>{row.endDate ? formatDate(row.endDate, i18n.language) : t('relationship.noEndDate')}</Table.Td>
          <Table.Td>{list.format(row.roles.map((role) => t(`roles.${role}`)))}</Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}
