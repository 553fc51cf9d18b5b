import { Badge, Group, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '../../api/benefit-delegation';
import { formatDateTime } from '../downloads/format';
import { ScrollTable } from '../tables';

const COLORS: Record<Delegation['status'], string> = {
  PENDING: 'yellow',
  APPROVED: 'green',
  DENIED: 'red',
  WITHDRAWN: 'gray',
  REMOVED: 'gray',
};

/**
 * R-SA-7: requests and permissions as both sides read them; `who` names the other side's column
 * (the customer's page shows the partner, the partner's the customer), `actions` what one may do.
 */
export function DelegationTable({
  items,
  who,
  actions,
}: {
  items: Delegation[];
  who: 'partner' | 'customer';
  actions: (d: Delegation) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ScrollTable
      caption={t('benefitDelegation.caption')}
      minWidth={720}
      columns={[
        t(`benefitDelegation.columns.${who}`),
        t('benefitDelegation.columns.licensingIds'),
        t('benefitDelegation.columns.requested'),
        t('benefitDelegation.columns.status'),
        t('benefitDelegation.columns.actions'),
      ]}
    >
      {items.map((d) => (
        <Table.Tr key={d.id} data-delegation-id={d.id} data-status={d.status}>
          <Table.Td>{who === 'partner' ? `${d.partner.name} (${d.partner.number})` : d.customer.name}</Table.Td>
          <Table.Td>{d.licensingIds.map((l) => `${l.number} ${l.name}`).join(', ')}</Table.Td>
          <Table.Td>
            {formatDateTime(d.requestedAt, i18n.language)} {d.requestedBy}
          </Table.Td>
          <Table.Td>
            <Badge color={COLORS[d.status]} variant="light">
              {t(`benefitDelegation.status.${d.status}`)}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Group gap="xs">{actions(d)}</Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}
