import { Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { relationshipSummaryQuery } from '../api/queries';
import { EmptyNotice } from '../components/EmptyNotice';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { MbsaGroupSection } from '../components/MbsaGroupSection';
import { usePageTitle } from '../lib/usePageTitle';

/** R-REL-3: the Licensing IDs the user holds roles on, grouped MBSA → parent agreement → Licensing ID. */
export function RelationshipSummaryPage() {
  const { t } = useTranslation();
  usePageTitle(t('relationship.title'));
  const { status } = useSearch({ from: '/_app/licenses/relationship-summary' });
  const navigate = useNavigate({ from: '/licenses/relationship-summary' });
  const summary = useQuery(relationshipSummaryQuery(status));
  const groups = summary.data?.groups ?? [];
  const count = groups.reduce((total, group) => total + group.parents.reduce((sum, parent) => sum + parent.licensingIds.length, 0), 0);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('relationship.title')}</Title>
      <Text maw={720}>{t('relationship.intro')}</Text>
      <Group justify="space-between">
        <Switch
          label={t('relationship.showInactive')}
          checked={status === 'all'}
          onChange={(event) => void navigate({ search: { status: event.currentTarget.checked ? 'all' : 'active' }, replace: true })}
        />
        {summary.isSuccess && (
          <Text size="sm" role="status">
            {t('relationship.count', { count })}
          </Text>
        )}
      </Group>
      {summary.isPending && <Loading />}
      {summary.isError && <ErrorAlert error={summary.error} />}
      {summary.isSuccess && count === 0 && (
        <EmptyNotice
          title={t('relationship.emptyTitle')}
          description={t(status === 'all' ? 'relationship.emptyAll' : 'relationship.emptyActive')}
        />
      )}
      {groups.map((group) => (
        <MbsaGroupSection key={group.mbsa?.id ?? 'none'} group={group} />
      ))}
    </Stack>
  );
}
