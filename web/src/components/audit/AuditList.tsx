import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AuditEntry, type AuditFilter, type AuditTrail, auditQuery } from '../../api/audit';
import { EmptyNotice } from '../EmptyNotice';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { ScrollTable } from '../tables';

/** The time of an entry in UTC, the zone the date filters speak. */
function utcTime(at: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(at));
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.detailWithheld) return <Text size="sm">{t('audit.withheld')}</Text>;
  if (entry.before === null && entry.after === null) return null;
  return (
    <details>
      <summary>{t('audit.showDetails')}</summary>
      <Stack gap={4} mt={4}>
        {entry.before !== null && (
          <>
            <Text size="sm" fw={600}>
              {t('audit.before')}
            </Text>
            <Code block className="audit-change">
              {json(entry.before)}
            </Code>
          </>
        )}
        {entry.after !== null && (
          <>
            <Text size="sm" fw={600}>
              {t('audit.after')}
            </Text>
            <Code block className="audit-change">
              {json(entry.after)}
            </Code>
          </>
        )}
      </Stack>
    </details>
  );
}

/**
 * The entries of an audit trail, newest first, a page at a time: the Administrator's view and the
 * publisher's read the same way and differ only in which trail they read.
 */
export function AuditList({ filter, trail }: { filter: AuditFilter; trail: AuditTrail }) {
  const { t, i18n } = useTranslation();
  const entries = useInfiniteQuery(auditQuery(filter, trail));
  // The publisher reads every organization's trail: each entry names its organization.
  const showOrganization = trail === 'operator';
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  if (entries.isPending) return <Loading />;
  if (!entries.data) return <ErrorAlert error={entries.error} />;
  if (rows.length === 0) return <EmptyNotice title={t('audit.emptyTitle')} description={t('audit.emptyDescription')} data-state="empty" />;
  const caption = t('audit.tableCaption');
  return (
    <Stack gap="sm">
      <Text size="sm" role="status" data-entry-count={rows.length}>
        {entries.hasNextPage ? t('audit.countMore', { count: rows.length }) : t('audit.count', { count: rows.length })}
      </Text>
      <ScrollTable
        caption={caption}
        minWidth={760}
        columns={[
          t('audit.time'),
          t('audit.action'),
          t('audit.who'),
          ...(showOrganization ? [t('audit.organization')] : []),
          t('audit.target'),
          t('audit.details'),
        ]}
      >
        {rows.map((e) => (
          <Table.Tr key={e.id} data-audit-action={e.action}>
            <Table.Td>{utcTime(e.at, i18n.language)}</Table.Td>
            <Table.Th scope="row" fw={400}>
              {t(`audit.actions.${e.action}`)}
            </Table.Th>
            <Table.Td>
              {e.actor ? (
                <>
                  <Text size="sm">{e.actor.name || e.actor.email}</Text>
                  {e.actor.name && (
                    <Text size="xs" c="dimmed">
                      {e.actor.email}
                    </Text>
                  )}
                </>
              ) : (
                <Text size="sm">{t('audit.system')}</Text>
              )}
            </Table.Td>
            {showOrganization && <Table.Td>{e.organization?.name ?? t('audit.noOrganization')}</Table.Td>}
            <Table.Td>{e.licensingIds.map((l) => l.number).join(', ')}</Table.Td>
            <Table.Td>
              <EntryDetails entry={e} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
      {entries.hasNextPage && (
        <Button variant="default" w="fit-content" loading={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
          {t('audit.more')}
        </Button>
      )}
      {entries.isError && <ErrorAlert error={entries.error} />}
    </Stack>
  );
}
