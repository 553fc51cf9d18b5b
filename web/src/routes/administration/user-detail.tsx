import { Alert, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deactivateUser,
  reactivateUser,
  refreshAfterRoleChange,
  removeUserLicensingId,
  resendInvitation,
  setUserRoles,
  setUserRolesOnMany,
  type UserDetail,
  type UserPermission,
  userQuery,
} from '../../api/administration';
import { meQuery } from '../../api/queries';
import { AccountSupport } from '../../components/account/AccountSupport';
import { formatDateTime, personName } from '../../components/administration/format';
import { HoldingSummary } from '../../components/administration/HoldingSummary';
import { LicensingIdChoice } from '../../components/administration/LicensingIdChoice';
import {
  type AssignmentValue,
  assignmentProblem,
  EMPTY_ASSIGNMENT,
  fromHolding,
  RoleAssignment,
  toAssignment,
} from '../../components/administration/RoleAssignment';
import { UserStatusBadge } from '../../components/administration/StatusBadges';
import { useAdministered } from '../../components/administration/useAdministered';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { SectionPanel } from '../../components/SectionPanel';
import { StatusBadge } from '../../components/StatusBadge';
import { RowHeader, ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-PERM-7/8/9: change the user's roles on one Licensing ID in a dialog. */
function EditRolesDialog({ user, permission, onClose }: { user: UserDetail; permission: UserPermission; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<AssignmentValue>(fromHolding(permission));
  const [problem, setProblem] = useState<string>();
  // Manage Users at scale: the same roles copied to other Licensing IDs the Administrator administers.
  const administered = useAdministered();
  const others = administered.ids.filter((p) => p.id !== permission.licensingId.id);
  const [also, setAlso] = useState<string[]>([]);
  const enrollment = permission.licensingId.kind === 'ENROLLMENT' || others.some((p) => also.includes(p.id) && p.kind === 'ENROLLMENT');
  const save = useMutation({
    mutationFn: () =>
      also.length > 0
        ? setUserRolesOnMany(user.id, [permission.licensingId.id, ...also], toAssignment(value, enrollment))
        : setUserRoles(user.id, permission.licensingId.id, toAssignment(value, enrollment)),
    onSuccess: async (data) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, data);
      await refreshAfterRoleChange(queryClient);
      onClose();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = assignmentProblem(value);
    setProblem(key ? t(key) : undefined);
    if (!key) save.mutate();
  };
  const number = permission.licensingId.number;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('administration.userDetail.editTitle', { name: personName(user), number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          {save.isError && <ErrorAlert error={save.error} />}
          <RoleAssignment
            idPrefix={`edit-${number}`}
            legend={t('administration.users.rolesOn', { number, name: permission.licensingId.name })}
            value={value}
            onChange={setValue}
            withReservation={enrollment}
            error={problem}
          />
          {others.length > 0 && (
            <LicensingIdChoice
              label={t('administration.userDetail.copyTo')}
              description={t('administration.userDetail.copyToHelp')}
              options={others}
              value={also}
              onChange={setAlso}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('administration.userDetail.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Add Licensing ID": roles on one more Licensing ID the Administrator administers (R-PERM-7). */
function AddLicensingId({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const administered = useAdministered();
  const held = new Set(user.permissions.filter((p) => p.roles.length > 0).map((p) => p.licensingId.id));
  const options = administered.ids.filter((p) => !held.has(p.id));
  const [chosen, setChosen] = useState<string[]>([]);
  const [value, setValue] = useState<AssignmentValue>(EMPTY_ASSIGNMENT);
  const [problem, setProblem] = useState<string>();
  const [choiceProblem, setChoiceProblem] = useState<string>();
  const enrollment = options.some((p) => chosen.includes(p.id) && p.kind === 'ENROLLMENT');
  const add = useMutation({
    mutationFn: () => setUserRolesOnMany(user.id, chosen, toAssignment(value, enrollment)),
    onSuccess: async (data) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, data);
      setValue(EMPTY_ASSIGNMENT);
      setChosen([]);
      await refreshAfterRoleChange(queryClient);
    },
  });
  if (!administered.ready) return null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = assignmentProblem(value);
    setProblem(key ? t(key) : undefined);
    const none = chosen.length === 0;
    setChoiceProblem(none ? t('administration.userDetail.chooseIds') : undefined);
    if (!key && !none) add.mutate();
  };
  return (
    <SectionPanel headingId="add-licensing-id" title={t('administration.userDetail.addId')}>
      {add.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.userDetail.added')}
        </Alert>
      )}
      {add.isError && <ErrorAlert error={add.error} />}
      {options.length === 0 ? (
        <Text>{t('administration.userDetail.allAdded')}</Text>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <LicensingIdChoice
              label={t('administration.userDetail.chooseLabel')}
              description={t('administration.userDetail.chooseHelp')}
              options={options}
              value={chosen}
              onChange={setChosen}
              error={choiceProblem}
            />
            <RoleAssignment
              idPrefix="add-id"
              legend={t('administration.userDetail.rolesOnChosen')}
              value={value}
              onChange={setValue}
              withReservation={enrollment}
              error={problem}
            />
            <Button type="submit" loading={add.isPending} w="fit-content">
              {t('administration.userDetail.addSubmit')}
            </Button>
          </Stack>
        </form>
      )}
    </SectionPanel>
  );
}

/** Re-send invitation, deactivate and reactivate (R-PERM-7, R-ID-2). */
function UserActions({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const name = personName(user);
  // An Administrator leaves Licensing IDs on My Permissions; deactivating oneself is refused (SELF_DEACTIVATION).
  const { data: me } = useQuery(meQuery);
  const self = me?.id === user.id;
  const resend = useMutation({ mutationFn: () => resendInvitation(user.id) });
  const deactivate = useMutation({
    mutationFn: () => deactivateUser(user.id),
    onSuccess: async ({ retained: _, accountClosed: __, ...data }) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, data);
      await refreshAfterRoleChange(queryClient);
    },
  });
  const reactivate = useMutation({
    mutationFn: () => reactivateUser(user.id),
    onSuccess: async (data) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, data);
      await refreshAfterRoleChange(queryClient);
    },
  });
  const numberOf = (id: string) => user.permissions.find((p) => p.licensingId.id === id)?.licensingId.number ?? id;
  return (
    <Stack gap="sm">
      <Group>
        {user.status === 'invited' && (
          <Button variant="outline" onClick={() => resend.mutate()} loading={resend.isPending}>
            {t('administration.userDetail.resend')}
          </Button>
        )}
        {user.activeLicensingIds > 0 && !self && (
          <ConfirmButton
            size="sm"
            label={t('administration.userDetail.deactivate')}
            title={t('administration.userDetail.deactivateTitle', { name })}
            question={t('administration.userDetail.deactivateQuestion', { name })}
            confirmLabel={t('administration.userDetail.deactivate')}
            loading={deactivate.isPending}
            onConfirm={() => deactivate.mutate()}
          />
        )}
        {user.status === 'inactive' && (
          <Button variant="outline" onClick={() => reactivate.mutate()} loading={reactivate.isPending}>
            {t('administration.userDetail.reactivate')}
          </Button>
        )}
      </Group>
      {resend.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.userDetail.resent', { email: resend.data.email, date: formatDateTime(resend.data.expiresAt, i18n.language) })}
        </Alert>
      )}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {deactivate.isSuccess && (
        <Alert color="green" variant="outline" role="status" title={t('administration.userDetail.deactivated', { name })}>
          {deactivate.data.accountClosed && <Text size="sm">{t('administration.userDetail.accountClosed', { name })}</Text>}
          {deactivate.data.retained.length > 0 && (
            <>
              <Text size="sm">{t('administration.userDetail.retained')}</Text>
              <List size="sm">
                {deactivate.data.retained.map((r) => (
                  <List.Item key={r.licensingId}>
                    {t('administration.userDetail.retainedItem', {
                      number: numberOf(r.licensingId),
                      reason: t(`administration.userDetail.reason.${r.reason}`),
                    })}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Alert>
      )}
      {deactivate.isError && <ErrorAlert error={deactivate.error} />}
      {reactivate.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.userDetail.reactivated', { name })}
        </Alert>
      )}
      {reactivate.isError && <ErrorAlert error={reactivate.error} />}
    </Stack>
  );
}

function PermissionsTable({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<UserPermission>();
  const remove = useMutation({
    mutationFn: (p: UserPermission) => removeUserLicensingId(user.id, p.licensingId.id),
    onSuccess: () => refreshAfterRoleChange(queryClient),
  });
  const caption = t('administration.userDetail.permissions', { name: personName(user) });
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('administration.userDetail.permissionsHeading')}
      </Title>
      {remove.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.userDetail.removed', { number: remove.variables.licensingId.number })}
        </Alert>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {user.permissions.length === 0 ? (
        <Text>{t('administration.userDetail.noPermissions')}</Text>
      ) : (
        <ScrollTable
          caption={caption}
          minWidth={820}
          columns={[
            t('administration.licensingId'),
            { label: t('administration.status'), minWidth: 110 },
            t('administration.roles'),
            t('administration.actions'),
          ]}
        >
          {user.permissions.map((p) => (
            <Table.Tr key={p.licensingId.id} data-licensing-id={p.licensingId.number}>
              <RowHeader title={p.licensingId.number} detail={p.licensingId.name} />
              <Table.Td>
                <StatusBadge status={p.licensingId.status} />
              </Table.Td>
              <Table.Td>
                <HoldingSummary holding={p} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => setEditing(p)}
                    aria-label={t('common.labelFor', {
                      label: p.roles.length ? t('administration.userDetail.edit') : t('administration.userDetail.give'),
                      target: p.licensingId.number,
                    })}
                  >
                    {p.roles.length ? t('administration.userDetail.edit') : t('administration.userDetail.give')}
                  </Button>
                  {p.removable && (
                    <ConfirmButton
                      label={t('administration.userDetail.remove')}
                      target={p.licensingId.number}
                      title={t('administration.userDetail.removeTitle', { number: p.licensingId.number })}
                      question={t('administration.userDetail.removeQuestion', {
                        number: p.licensingId.number,
                        name: personName(user),
                      })}
                      confirmLabel={t('administration.userDetail.remove')}
                      loading={remove.isPending && remove.variables?.licensingId.id === p.licensingId.id}
                      onConfirm={() => remove.mutate(p)}
                    />
                  )}
                  {!p.removable && p.reason && (
                    <Text size="sm" data-reason={p.reason}>
                      {t(`administration.userDetail.reason.${p.reason}`)}
                    </Text>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
      {editing && <EditRolesDialog user={user} permission={editing} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}

/** R-PERM-7: one user as this Administrator sees them: roles per Licensing ID, changes, deactivation. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const { userId } = useParams({ from: '/_app/administration/users/$userId' });
  const user = useQuery(userQuery(userId));
  usePageTitle(user.data ? personName(user.data) : t('administration.userDetail.title'));
  return (
    <Stack gap="lg">
      <AnchorLink to="/administration/users" size="sm">
        {t('administration.users.back')}
      </AnchorLink>
      {user.isPending && <Loading />}
      {user.isError && (
        <>
          <Title order={1}>{t('administration.userDetail.title')}</Title>
          <ErrorAlert error={user.error} />
        </>
      )}
      {user.isSuccess && (
        <>
          <Stack gap={4}>
            <Title order={1}>{personName(user.data)}</Title>
            <Group gap="sm">
              <Text>{user.data.email}</Text>
              <UserStatusBadge status={user.data.status} />
            </Group>
            <Text size="sm">{t('administration.userDetail.activeCount', { count: user.data.activeLicensingIds })}</Text>
          </Stack>
          <UserActions user={user.data} />
          <AccountSupport user={user.data} />
          <PermissionsTable user={user.data} />
          <AddLicensingId user={user.data} />
        </>
      )}
    </Stack>
  );
}
