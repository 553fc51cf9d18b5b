import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ListedLicensingId, ListedOrDimmed } from '../../api/licensing';
import { formatDate } from '../../lib/format';
import { programName } from '../../lib/programName';
import { StatusBadge } from '../StatusBadge';
import { ScrollTable } from '../tables';

const COLUMNS = ['number', 'name', 'program', 'kind', 'status', 'startDate', 'endDate'] as const;

function ListedRow({ l }: { l: ListedLicensingId }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-listed={l.number}>
      <Table.Th scope="row" fw={600}>
        <Anchor component={Link} to={`/licenses/licensing-ids/${l.id}`}>
          {l.number}
        </Anchor>
        {l.affiliateRole && (
          <Text size="xs" fw={400}>
            {t(`licensing.affiliateRoles.${l.affiliateRole}`)}
          </Text>
        )}
      </Table.Th>
      <Table.Td>{l.name}</Table.Td>
      <Table.Td>{programName(t, l.programCode, null)}</Table.Td>
      <Table.Td>{t(`kinds.${l.kind}`)}</Table.Td>
      <Table.Td>
        <StatusBadge status={l.status} />
      </Table.Td>
      <Table.Td>{formatDate(l.startDate, i18n.language)}</Table.Td>
      <Table.Td>{l.endDate ? formatDate(l.endDate, i18n.language) : t('relationship.noEndDate')}</Table.Td>
    </Table.Tr>
  );
}

/**
 * R-REL-5: the Licensing IDs under an agreement. Those the user's roles do not include are listed
 * dimmed, in place, without any of their details.
 */
export function ListedIds({ items, caption }: { items: ListedOrDimmed[]; caption: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text>{t('licensing.report.noLicensingIds')}</Text>;
  return (
    <ScrollTable
      caption={caption}
      minWidth={860}
      columns={COLUMNS.map((c) => t(`relationship.columns.${c}`))}
      striped={false}
      verticalSpacing="xs"
    >
      {items.map((l, i) =>
        l.visible ? (
          <ListedRow key={l.id} l={l} />
        ) : (
          // Dimmed rows carry no identity by design (R-REL-5): the position is their key.
          <Table.Tr key={`dimmed-${i}`} data-dimmed="true" bg="gray.1">
            <Table.Td colSpan={COLUMNS.length}>
              <Text c="gray.8" fs="italic">
                {t('licensing.report.dimmedId')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ),
      )}
    </ScrollTable>
  );
}
