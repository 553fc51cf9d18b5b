import { Box, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UserFilter, usersQuery } from '../../api/administration';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { personName } from '../../components/administration/format';
import { OpenLicensePanel } from '../../components/administration/OpenLicensePanel';
import { UserStatusBadge } from '../../components/administration/StatusBadges';
import { useAdministered } from '../../components/administration/useAdministered';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

const STATUSES: UserFilter['status'][] = ['all', 'active', 'invited', 'inactive'];

function UserList({ filter }: { filter: UserFilter }) {
  const { t } = useTranslation();
  const users = useInfiniteQuery(usersQuery(filter));
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const caption = t('administration.users.tableCaption');
  if (users.isPending) return <Loading />;
  if (!users.data) return <ErrorAlert error={users.error} />;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status" data-user-count={rows.length}>
        {users.hasNextPage
          ? t('administration.users.countMore', { count: rows.length })
          : t('administration.users.count', { count: rows.length })}
      </Text>
      {rows.length === 0 ? (
        <Text>{t('administration.users.none')}</Text>
      ) : (
        <ScrollTable
          caption={caption}
          minWidth={720}
          columns={[
            t('administration.users.name'),
            t('administration.users.email'),
            t('administration.status'),
            t('administration.users.licensingIds'),
          ]}
        >
          {rows.map((u) => (
            <Table.Tr key={u.id} data-user={u.email}>
              <Table.Th scope="row" fw={400}>
                <AnchorLink to="/administration/users/$userId" params={{ userId: u.id }}>
                  {personName(u)}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <UserStatusBadge status={u.status} />
              </Table.Td>
              <Table.Td>{u.activeLicensingIds}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {users.hasNextPage && (
        <Button variant="default" w="fit-content" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          {t('administration.users.more')}
        </Button>
      )}
      {users.isError && <ErrorAlert error={users.error} />}
    </Stack>
  );
}

/** R-PERM-7, R-PERM-12: the users of the Licensing IDs this Administrator administers; removed users stay listed. */
export function ManageUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.users.title'));
  const { licensingId } = useSearch({ from: '/_app/administration/users' });
  const navigate = useNavigate({ from: '/administration/users' });
  const administered = useAdministered();
  const [email, setEmail] = useState('');
  const [debouncedEmail] = useDebouncedValue(email.trim(), 300);
  const [status, setStatus] = useState<UserFilter['status']>('all');
  const chosen = administered.ids.find((p) => p.id === licensingId);
  const filter: UserFilter = { email: debouncedEmail, status, licensingId: chosen?.id };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{t('administration.users.title')}</Title>
          <Text maw={720}>{t('administration.users.intro')}</Text>
        </Stack>
        {administered.ids.length > 0 && <ButtonLink to="/administration/users/new">{t('administration.users.add')}</ButtonLink>}
      </Group>
      <AdministeredOnly administered={administered}>
        <Box role="search" aria-label={t('administration.users.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('administration.users.search')}
              description={t('administration.users.searchHelp')}
              type="search"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('administration.status')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as UserFilter['status'])}
              data={STATUSES.map((s) => ({ value: s, label: t(`administration.userStatus.${s}`) }))}
            />
            <NativeSelect
              label={t('administration.licensingId')}
              value={chosen?.id ?? ''}
              onChange={(e) => void navigate({ search: { licensingId: e.currentTarget.value || undefined }, replace: true })}
              data={[
                { value: '', label: t('administration.users.allLicensingIds') },
                ...administered.ids.map((p) => ({ value: p.id, label: `${p.number} · ${p.name}` })),
              ]}
            />
          </SimpleGrid>
        </Box>
        <UserList filter={filter} />
        {chosen?.programCode === 'OPEN_LICENSE' && <OpenLicensePanel licensingId={chosen.id} number={chosen.number} name={chosen.name} />}
      </AdministeredOnly>
    </Stack>
  );
}
