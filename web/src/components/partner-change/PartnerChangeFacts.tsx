import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PartnerChange, PartnerChangeStatus } from '../../api/partner-change';
import { formatDateTime } from '../downloads/format';
import { statusBadge } from '../StatusBadge';
import { ScrollTable } from '../tables';

/** R-REL-6: the status of a change of channel partner, in its colour (dark shades keep the white text readable). */
export const PartnerChangeStatusBadge = statusBadge<PartnerChangeStatus>(
  {
    IN_PROGRESS: 'blue.9',
    GRACE_PERIOD: 'violet.9',
    ACCEPTED: 'teal.9',
    COMPLETED: 'green.9',
    DECLINED: 'red.9',
    CANCELED: 'gray.8',
    EXPIRED: 'orange.9',
  },
  'partnerChange.statuses',
);

/** A request's facts (who asked, who answered, when it takes effect) and its Licensing IDs with their status each. */
export function PartnerChangeFacts({ change }: { change: PartnerChange }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const byOn = (name: string | null, iso: string | null) =>
    iso ? t('partnerChange.facts.byOn', { name: name ?? '', date: at(iso) }) : null;
  const rows: [string, string | null][] = [
    [t('partnerChange.facts.customer'), change.customer],
    [t('partnerChange.facts.newPartner'), t('partnerChange.facts.partnerNumber', change.newPartner)],
    [t('partnerChange.facts.contact'), `${change.contact.name} <${change.contact.email}>`],
    [t('partnerChange.facts.requested'), byOn(change.requestedBy, change.requestedAt)],
    [t('partnerChange.facts.respondBy'), at(change.respondBy)],
    [
      change.decision === 'DECLINED' ? t('partnerChange.facts.declined') : t('partnerChange.facts.accepted'),
      byOn(change.decidedBy, change.decidedAt),
    ],
    [t('partnerChange.facts.effective'), change.effectiveAt ? at(change.effectiveAt) : null],
    [t('partnerChange.facts.canceled'), byOn(change.canceledBy, change.canceledAt)],
  ];
  return (
    <Stack gap="md">
      <Title order={2}>{t('partnerChange.facts.title', { reference: change.reference })}</Title>
      <div>
        <PartnerChangeStatusBadge status={change.status} />
        <Text size="sm" mt={4}>
          {t(`partnerChange.statusHelp.${change.status}`)}
        </Text>
      </div>
      <dl className="facts" style={{ margin: 0 }}>
        {rows
          .filter(([, value]) => value !== null)
          .map(([label, value]) => (
            <div key={label} style={{ marginBottom: 8 }}>
              <dt style={{ fontWeight: 600 }}>{label}</dt>
              <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{value}</dd>
            </div>
          ))}
      </dl>
      <ScrollTable
        caption={t('partnerChange.facts.linesCaption')}
        minWidth={560}
        columns={[
          t('partnerChange.columns.licensingId'),
          t('partnerChange.columns.name'),
          t('partnerChange.columns.oldPartner'),
          t('partnerChange.columns.status'),
        ]}
      >
        {change.lines.map((l) => (
          <Table.Tr key={l.licensingId} data-licensing-id={l.number} data-status={l.status}>
            <Table.Td>{l.number}</Table.Td>
            <Table.Td>{l.name}</Table.Td>
            <Table.Td>{l.oldPartner ? t('partnerChange.facts.partnerNumber', l.oldPartner) : t('partnerChange.facts.none')}</Table.Td>
            <Table.Td>
              <PartnerChangeStatusBadge status={l.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </Stack>
  );
}
