import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../api/licensing';
import { ColumnHeads } from '../tables';

/** R-REL-6: the agreement's contacts, the partner as Channel Partner Contact; they change only through the partner. */
export function ContactsTable({ contacts, caption }: { contacts: Contact[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" mb="xs">
        {t('licensing.report.contactsNote')}
      </Text>
      {contacts.length === 0 ? (
        <Text size="sm">{t('licensing.report.noContacts')}</Text>
      ) : (
        <Table withTableBorder verticalSpacing="xs">
          <Table.Caption className="sr-only">{caption}</Table.Caption>
          <ColumnHeads
            columns={[t('licensing.report.contactType'), t('licensing.report.contactName'), t('licensing.report.contactEmail')]}
          />
          <Table.Tbody>
            {contacts.map((c) => (
              <Table.Tr key={`${c.type}-${c.email}`} data-contact={c.type}>
                <Table.Th scope="row">{t(`licensing.contactTypes.${c.type}`, { defaultValue: c.type })}</Table.Th>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>
                  <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
