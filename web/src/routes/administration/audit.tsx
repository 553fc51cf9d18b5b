import { Box, Button, Code, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilter, auditExportHref, auditQuery } from '../../api/audit';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { useAdministered } from '../../components/administration/useAdministered';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

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

function AuditList({ filter }: { filter: AuditFilter }) {
  const { t, i18n } = useTranslation();
  const entries = useInfiniteQuery(auditQuery(filter));
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
        columns={[t('audit.time'), t('audit.action'), t('audit.who'), t('audit.target'), t('audit.details')]}
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

/** Issue 12: the audit trail of the Licensing IDs this Administrator administers, filtered and exported as CSV. */
export function AuditTrailPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.audit.title'));
  const administered = useAdministered();
  const [person, setPerson] = useState('');
  const [debouncedPerson] = useDebouncedValue(person.trim(), 300);
  const [licensingId, setLicensingId] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const reversed = Boolean(from && to && from > to);
  const filter: AuditFilter = { person: debouncedPerson, licensingId, action, from, to };
  const actions = AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) })).sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1} className="long-title">
            {t('administration.audit.title')}
          </Title>
          <Text maw={720}>{t('audit.intro')}</Text>
        </Stack>
        {administered.ids.length > 0 && !reversed && (
          <Button component="a" variant="default" href={auditExportHref(filter)} download>
            {t('audit.export')}
          </Button>
        )}
      </Group>
      <AdministeredOnly administered={administered}>
        <Box role="search" aria-label={t('audit.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <TextInput
              label={t('audit.person')}
              description={t('audit.personHelp')}
              type="search"
              autoComplete="off"
              value={person}
              onChange={(e) => setPerson(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('audit.licensingId')}
              value={licensingId}
              onChange={(e) => setLicensingId(e.currentTarget.value)}
              data={[
                { value: '', label: t('audit.allLicensingIds') },
                ...administered.ids.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` })),
              ]}
            />
            <NativeSelect
              label={t('audit.action')}
              value={action}
              onChange={(e) => setAction(e.currentTarget.value)}
              data={[{ value: '', label: t('audit.allActions') }, ...actions]}
            />
            <TextInput
              label={t('audit.from')}
              description={t('audit.dateHelp')}
              type="date"
              value={from}
              max={to || undefined}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              label={t('audit.to')}
              description={t('audit.dateHelp')}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={reversed ? t('audit.periodReversed') : undefined}
            />
          </SimpleGrid>
        </Box>
        {reversed ? null : <AuditList filter={filter} />}
      </AdministeredOnly>
    </Stack>
  );
}
