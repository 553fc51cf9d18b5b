import { Alert, Badge, Button, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addUser, myPermissionsQuery, usersQuery } from '../../api/administration';
import type { Role } from '../../api/types';
import { Loading } from '../../components/administration/Loading';
import { RoleCheckboxes } from '../../components/administration/RoleCheckboxes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** Add a user with roles per Licensing ID; an invitation mail goes out (R-PERM-7, R-ID-2). */
function AddUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = useQuery(myPermissionsQuery);
  // R-PERM-12: only Licensing IDs where the user is Administrator appear on administration pages.
  const administered = (mine.data ?? []).filter((p) => p.roles.includes('ADMINISTRATOR'));
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [roles, setRoles] = useState<Record<string, Role[]>>({});
  const [missing, setMissing] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      addUser({
        email: email.trim(),
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        grants: Object.entries(roles)
          .filter(([, r]) => r.length > 0)
          .map(([licensingId, r]) => ({ licensingId, roles: r })),
      }),
    onSuccess: async () => {
      setEmail('');
      setFirstName('');
      setLastName('');
      setRoles({});
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const incomplete = !email.trim() || !firstName.trim() || !lastName.trim() || !Object.values(roles).some((r) => r.length);
    setMissing(incomplete);
    if (!incomplete) add.mutate();
  };
  return (
    <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} aria-labelledby="add-user-heading">
      <Stack>
        <Title order={2} id="add-user-heading">
          {t('administration.users.add')}
        </Title>
        {add.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            {t('administration.users.invited')}
            {add.data.warnings?.includes('SHARED_MAILBOX') ? ` ${t('administration.users.sharedMailbox')}` : ''}
          </Alert>
        )}
        {add.isError && <ErrorAlert error={add.error} />}
        {missing && (
          <Text c="red.9" size="sm" role="alert">
            {t('administration.users.incomplete')}
          </Text>
        )}
        <TextInput
          label={t('administration.users.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <TextInput
          label={t('administration.users.firstName')}
          required
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
        />
        <TextInput
          label={t('administration.users.lastName')}
          required
          value={lastName}
          onChange={(e) => setLastName(e.currentTarget.value)}
        />
        {mine.isPending && <Loading />}
        {administered.map((p) => (
          <RoleCheckboxes
            key={p.licensingId.id}
            label={t('administration.users.rolesOn', { number: p.licensingId.number, name: p.licensingId.name })}
            value={roles[p.licensingId.id] ?? []}
            onChange={(r) => setRoles((prev) => ({ ...prev, [p.licensingId.id]: r }))}
          />
        ))}
        <Button type="submit" loading={add.isPending}>
          {t('administration.users.addSubmit')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-PERM-7: the users of the Licensing IDs this Administrator administers; removed users stay listed. */
export function ManageUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.users.title'));
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState('all');
  const users = useQuery(usersQuery(email.trim(), status));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('administration.users.title')}</Title>
      <Stack gap="xs" component="section" aria-label={t('administration.users.search')}>
        <TextInput label={t('administration.users.search')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <NativeSelect
          label={t('administration.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={['all', 'active', 'inactive', 'invited'].map((s) => ({ value: s, label: t(`administration.userStatus.${s}`) }))}
        />
      </Stack>
      {users.isPending && <Loading />}
      {users.isError && <ErrorAlert error={users.error} />}
      {users.isSuccess && users.data.items.length === 0 && <Text>{t('administration.users.none')}</Text>}
      {users.isSuccess && users.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('administration.users.email')}</Table.Th>
                <Table.Th scope="col">{t('administration.users.name')}</Table.Th>
                <Table.Th scope="col">{t('administration.status')}</Table.Th>
                <Table.Th scope="col">{t('administration.users.licensingIds')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    {u.firstName} {u.lastName}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="dark">
                      {t(`administration.userStatus.${u.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{u.activeLicensingIds}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddUserForm />
    </Stack>
  );
}
