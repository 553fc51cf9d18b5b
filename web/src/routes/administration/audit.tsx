import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { auditExportHref } from '../../api/audit';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { useAdministered } from '../../components/administration/useAdministered';
import { AuditFilters, useAuditFilter } from '../../components/audit/AuditFilters';
import { AuditList } from '../../components/audit/AuditList';
import { usePageTitle } from '../../lib/usePageTitle';

/** Issue 12: the audit trail of the Licensing IDs this Administrator administers, filtered and exported as CSV. */
export function AuditTrailPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.audit.title'));
  const administered = useAdministered();
  const state = useAuditFilter();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1} className="long-title">
            {t('administration.audit.title')}
          </Title>
          <Text maw={720}>{t('audit.intro')}</Text>
        </Stack>
        {administered.ids.length > 0 && !state.reversed && (
          <Button component="a" variant="default" href={auditExportHref(state.filter, 'administrator')} download>
            {t('audit.export')}
          </Button>
        )}
      </Group>
      <AdministeredOnly administered={administered}>
        <AuditFilters
          state={state}
          scope={
            <NativeSelect
              label={t('audit.licensingId')}
              value={state.licensingId}
              onChange={(e) => state.setLicensingId(e.currentTarget.value)}
              data={[
                { value: '', label: t('audit.allLicensingIds') },
                ...administered.ids.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` })),
              ]}
            />
          }
        />
        {state.reversed ? null : <AuditList filter={state.filter} trail="administrator" />}
      </AdministeredOnly>
    </Stack>
  );
}
