import { Box, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditFilter } from '../../api/audit';

/** The filters both audit views share: who, which Licensing ID, which action, which days. */
export function useAuditFilter() {
  const [person, setPerson] = useState('');
  // The person is typed: the trail is read once the typing pauses, not at every key.
  const [debouncedPerson] = useDebouncedValue(person.trim(), 300);
  const [licensingId, setLicensingId] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter: AuditFilter = { person: debouncedPerson, licensingId, action, from, to };
  return {
    filter,
    person,
    setPerson,
    licensingId,
    setLicensingId,
    action,
    setAction,
    from,
    setFrom,
    to,
    setTo,
    reversed: Boolean(from && to && from > to),
  };
}

export type AuditFilterState = ReturnType<typeof useAuditFilter>;

/** The filter fields; `scope` is the view's own choice of whose entries (Licensing IDs, organizations), set after the person. */
export function AuditFilters({ state, scope }: { state: AuditFilterState; scope: ReactNode }) {
  const { t } = useTranslation();
  const actions = AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Box role="search" aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput
          label={t('audit.person')}
          description={t('audit.personHelp')}
          type="search"
          autoComplete="off"
          value={state.person}
          onChange={(e) => state.setPerson(e.currentTarget.value)}
        />
        {scope}
        <NativeSelect
          label={t('audit.action')}
          value={state.action}
          onChange={(e) => state.setAction(e.currentTarget.value)}
          data={[{ value: '', label: t('audit.allActions') }, ...actions]}
        />
        <TextInput
          label={t('audit.from')}
          description={t('audit.dateHelp')}
          type="date"
          value={state.from}
          max={state.to || undefined}
          onChange={(e) => state.setFrom(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.to')}
          description={t('audit.dateHelp')}
          type="date"
          value={state.to}
          min={state.from || undefined}
          onChange={(e) => state.setTo(e.currentTarget.value)}
          error={state.reversed ? t('audit.periodReversed') : undefined}
        />
      </SimpleGrid>
    </Box>
  );
}
