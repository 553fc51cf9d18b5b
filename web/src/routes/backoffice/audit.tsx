import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { auditExportHref } from '../../api/audit';
import { customerQuery, customersQuery } from '../../api/backoffice';
import { AuditFilters, useAuditFilter } from '../../components/audit/AuditFilters';
import { AuditList } from '../../components/audit/AuditList';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * Issue 12: the publisher's audit trail of every organization (GET /operator/audit), with the
 * customer audit view's filters and CSV export; an organization (from the URL, so a customer's page
 * links here) narrows it, and then its onboarded Licensing IDs can too.
 */
export function OperatorAuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.audit.title'));
  const { organizationId = '' } = useSearch({ from: '/_app/operator/audit' });
  const navigate = useNavigate({ from: '/operator/audit' });
  const state = useAuditFilter();
  const organizations = useQuery(customersQuery(''));
  const customer = useQuery({ ...customerQuery(organizationId), enabled: Boolean(organizationId) });
  const licensingIds = organizationId ? (customer.data?.agreements.flatMap((a) => a.licensingIds) ?? []) : [];
  const filter = { ...state.filter, organizationId, licensingId: organizationId ? state.licensingId : '' };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1} className="long-title">
            {t('backoffice.audit.title')}
          </Title>
          <Text maw={720}>{t('backoffice.audit.intro')}</Text>
        </Stack>
        {!state.reversed && (
          <Button component="a" variant="default" href={auditExportHref(filter, 'operator')} download>
            {t('audit.export')}
          </Button>
        )}
      </Group>
      <AuditFilters
        state={state}
        scope={
          <>
            <NativeSelect
              label={t('backoffice.audit.organization')}
              value={organizationId}
              onChange={(e) => {
                state.setLicensingId('');
                void navigate({ search: e.currentTarget.value ? { organizationId: e.currentTarget.value } : {}, replace: true });
              }}
              data={[
                { value: '', label: t('backoffice.audit.allOrganizations') },
                ...(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
            {licensingIds.length > 0 && (
              <NativeSelect
                label={t('audit.licensingId')}
                value={state.licensingId}
                onChange={(e) => state.setLicensingId(e.currentTarget.value)}
                data={[
                  { value: '', label: t('audit.allLicensingIds') },
                  ...licensingIds.map((l) => ({ value: l.id, label: `${l.number} · ${l.name}` })),
                ]}
              />
            )}
          </>
        }
      />
      {state.reversed ? null : <AuditList filter={filter} trail="operator" />}
    </Stack>
  );
}
