import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRole } from '../../api/business-center';
import { BUSINESS_CENTER_KEY } from '../../api/business-center';
import {
  type AccountUser,
  type AccountUsersFilter,
  accountUsersQuery,
  addAccountUser,
  revokeAccountUser,
  setAccountUserRoles,
} from '../../api/business-center-users';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmailField } from '../../components/EmailField';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { CaptionedTable } from '../../components/tables';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';

const ROLES: AccountRole[] = [
  'ACCOUNT_VIEWER',
  'REPORT_VIEWER',
  'ACCOUNT_MANAGER',
  'USER_ADMINISTRATOR',
  'AGREEMENT_ADMINISTRATOR',
  'ACCOUNT_ADMINISTRATOR',
];
const STATUSES = ['all', 'active', 'invited', 'deactivated'] as const;

/** The six roles as labelled checkboxes; roles beyond the caller's grant ceiling are shown but cannot be changed. */
function RoleChoice({
  legend,
  value,
  onChange,
  grantable,
  error,
}: {
  legend: string;
  value: AccountRole[];
  onChange: (roles: AccountRole[]) => void;
  grantable: readonly AccountRole[];
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={legend} value={value} onChange={(v) => onChange(v as AccountRole[])} error={error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {ROLES.map((r) => (
          <Checkbox
            key={r}
            value={r}
            label={t(`businessCenter.roles.${r}`)}
            description={t(`bcUsers.roleHelp.${r}`)}
            disabled={!grantable.includes(r)}
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

function AddUser({ accountId, grantable }: { accountId: string; grantable: readonly AccountRole[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { email: '', firstName: '', lastName: '' };
  const [form, setForm] = useState(empty);
  const [roles, setRoles] = useState<AccountRole[]>([]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const add = useMutation({
    mutationFn: () => addAccountUser(accountId, { ...form, email: form.email.trim(), roles }),
    onSuccess: () => {
      setForm(empty);
      setRoles([]);
      return queryClient.invalidateQueries({ queryKey: [BUSINESS_CENTER_KEY] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      email: emailProblem(form.email.trim(), { required: t('bcUsers.form.required'), invalid: t('bcUsers.form.emailInvalid') }),
      roles: roles.length === 0 ? t('bcUsers.form.rolesRequired') : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    add.mutate();
  };
  return (
    <SectionPanel headingId="add-account-user" title={t('bcUsers.add.title')}>
      <form noValidate onSubmit={onSubmit} aria-labelledby="add-account-user">
        <Stack maw={820}>
          <Text size="sm">{t('bcUsers.add.help')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <EmailField
              label={t('bcUsers.form.email')}
              description={t('bcUsers.form.emailHelp')}
              autoComplete="off"
              value={form.email}
              error={errors.email}
              onChange={(email) => setForm({ ...form, email })}
            />
            <TextInput
              label={t('bcUsers.form.firstName')}
              maxLength={100}
              value={form.firstName}
              onChange={(e) => setForm({ ...form, firstName: e.currentTarget.value })}
            />
            <TextInput
              label={t('bcUsers.form.lastName')}
              maxLength={100}
              value={form.lastName}
              onChange={(e) => setForm({ ...form, lastName: e.currentTarget.value })}
            />
          </SimpleGrid>
          <RoleChoice legend={t('bcUsers.form.roles')} value={roles} onChange={setRoles} grantable={grantable} error={errors.roles} />
          {add.isError && <ErrorAlert error={add.error} />}
          {add.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="account-user-added">
              {add.data.status === 'invited'
                ? t('bcUsers.add.invited', { email: add.data.email })
                : t('bcUsers.add.done', { email: add.data.email })}
            </Alert>
          )}
          <Button type="submit" loading={add.isPending} w="fit-content">
            {t('bcUsers.add.submit')}
          </Button>
        </Stack>
      </form>
    </SectionPanel>
  );
}

function UserRow({ accountId, user, grantable }: { accountId: string; user: AccountUser; grantable: readonly AccountRole[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<AccountRole[]>(user.roles);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [BUSINESS_CENTER_KEY] });
  const save = useMutation({
    mutationFn: () => setAccountUserRoles(accountId, user.id, roles),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const revoke = useMutation({ mutationFn: () => revokeAccountUser(accountId, user.id), onSuccess: refresh });
  const name = `${user.firstName} ${user.lastName}`.trim();
  return (
    <Table.Tr data-user={user.email}>
      <Table.Th scope="row" style={{ wordBreak: 'break-all', fontWeight: 400 }}>
        {user.email}
      </Table.Th>
      <Table.Td>{name}</Table.Td>
      <Table.Td data-testid="user-status">{t(`bcUsers.status.${user.status}`)}</Table.Td>
      <Table.Td data-testid="user-roles">{user.roles.map((r) => t(`businessCenter.roles.${r}`)).join(', ')}</Table.Td>
      <Table.Td>
        {editing ? (
          <Stack gap="xs">
            <RoleChoice legend={t('bcUsers.edit.legend', { email: user.email })} value={roles} onChange={setRoles} grantable={grantable} />
            <Group gap="xs">
              <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={roles.length === 0}>
                {t('bcUsers.edit.save')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => {
                  setRoles(user.roles);
                  setEditing(false);
                }}
              >
                {t('bcUsers.edit.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs" wrap="wrap">
            <Button
              size="xs"
              variant="outline"
              onClick={() => {
                setRoles(user.roles);
                setEditing(true);
              }}
              aria-label={t('common.labelFor', { label: t('bcUsers.edit.open'), target: user.email })}
            >
              {t('bcUsers.edit.open')}
            </Button>
            <ConfirmButton
              label={t('bcUsers.revoke.label')}
              target={user.email}
              title={t('bcUsers.revoke.title')}
              question={t('bcUsers.revoke.question', { email: user.email })}
              confirmLabel={t('bcUsers.revoke.label')}
              onConfirm={() => revoke.mutate()}
              loading={revoke.isPending}
            />
          </Group>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** R-PERM-14: the purchasing account's users, for its Account, Agreement and User administrators. */
export function AccountUsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcUsers.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/users' });
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('all');
  const [cursors, setCursors] = useState<string[]>([]);
  const filter: AccountUsersFilter = { email: email.trim() || undefined, status, cursor: cursors.at(-1) };
  const users = useQuery(accountUsersQuery(accountId, filter));
  const grantable = users.data?.grantable ?? [];
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2}>{t('bcUsers.title')}</Title>
        <Text maw={760}>{t('bcUsers.intro')}</Text>
      </Stack>
      <SectionPanel headingId="account-users" title={t('bcUsers.list.title')}>
        <Stack>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('bcUsers.list.search')}
              description={t('bcUsers.list.searchHelp')}
              type="search"
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                setCursors([]);
              }}
            />
            <NativeSelect
              label={t('bcUsers.list.statusFilter')}
              value={status}
              onChange={(e) => {
                setStatus(e.currentTarget.value as (typeof STATUSES)[number]);
                setCursors([]);
              }}
              data={STATUSES.map((s) => ({ value: s, label: t(`bcUsers.status.${s}`) }))}
            />
          </Group>
          {users.isPending && <Loading />}
          {users.isError && <ErrorAlert error={users.error} />}
          {users.isSuccess && users.data.items.length === 0 && (
            <EmptyNotice title={t('bcUsers.list.none')} description={t('bcUsers.list.noneHelp')} />
          )}
          {users.isSuccess && users.data.items.length > 0 && (
            <CaptionedTable
              caption={t('bcUsers.list.caption')}
              minWidth={760}
              columns={[
                t('bcUsers.list.email'),
                t('bcUsers.list.name'),
                t('bcUsers.list.status'),
                t('bcUsers.list.roles'),
                t('bcUsers.list.actions'),
              ]}
            >
              {users.data.items.map((u) => (
                <UserRow key={`${u.id}:${u.roles.join()}`} accountId={accountId} user={u} grantable={grantable} />
              ))}
            </CaptionedTable>
          )}
          <Group gap="xs">
            {cursors.length > 0 && (
              <Button variant="subtle" onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('bcUsers.list.previous')}
              </Button>
            )}
            {users.data?.nextCursor && (
              <Button variant="subtle" onClick={() => setCursors([...cursors, users.data.nextCursor ?? ''])}>
                {t('bcUsers.list.next')}
              </Button>
            )}
          </Group>
        </Stack>
      </SectionPanel>
      <AddUser accountId={accountId} grantable={grantable} />
    </Stack>
  );
}
