import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountActionsQuery, correctUserName, sendPasswordResetLink } from '../../api/account';
import { refreshAfterRoleChange, type UserDetail, userQuery } from '../../api/administration';
import { formatDateTime, personName } from '../administration/format';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { NameFields, type PersonName } from '../NameFields';
import { SectionPanel } from '../SectionPanel';

/** Correct the user's first and last name in a dialog; the user is mailed the change. */
function EditNameDialog({ user, onClose, onSaved }: { user: UserDetail; onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState<PersonName>({ firstName: user.firstName, lastName: user.lastName });
  const [errors, setErrors] = useState<{ firstName?: string; lastName?: string }>({});
  const save = useMutation({
    mutationFn: () => correctUserName(user.id, { firstName: name.firstName.trim(), lastName: name.lastName.trim() }),
    onSuccess: async (data) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, data);
      await refreshAfterRoleChange(queryClient);
      onSaved(personName(data));
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      firstName: name.firstName.trim() ? undefined : t('account.admin.firstNameRequired'),
      lastName: name.lastName.trim() ? undefined : t('account.admin.lastNameRequired'),
    };
    setErrors(next);
    if (!next.firstName && !next.lastName) save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('account.admin.editNameTitle', { email: user.email })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <Text size="sm">{t('account.admin.editNameIntro')}</Text>
          {save.isError && <ErrorAlert error={save.error} />}
          <NameFields value={name} onChange={setName} errors={errors} someoneElse />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('account.admin.saveName')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Manage Users: an Administrator's help with the account of a user of their organization: a
 * password reset link mailed to the user (never shown here) and correcting the user's name.
 * What the server would refuse is not offered; the reason is said instead.
 */
export function AccountSupport({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const actions = useQuery(accountActionsQuery(user.id));
  const [editing, setEditing] = useState(false);
  const [renamed, setRenamed] = useState<string>();
  const send = useMutation({ mutationFn: () => sendPasswordResetLink(user.id) });
  const name = personName(user);
  if (!actions.isSuccess) return actions.isError ? <ErrorAlert error={actions.error} /> : null;
  const { passwordReset, nameCorrection, resetLinkMinutes } = actions.data;
  return (
    <SectionPanel headingId="account-support-heading" title={t('account.admin.heading')}>
      <Text size="sm">{t('account.admin.intro', { name })}</Text>
      <Group>
        {passwordReset === null && (
          <ConfirmButton
            size="sm"
            destructive={false}
            label={t('account.admin.sendReset')}
            title={t('account.admin.sendResetTitle', { name })}
            question={t('account.admin.sendResetQuestion', { email: user.email, minutes: resetLinkMinutes })}
            confirmLabel={t('account.admin.sendResetConfirm')}
            loading={send.isPending}
            onConfirm={() => send.mutate()}
          />
        )}
        {nameCorrection === null && (
          <Button size="sm" variant="outline" onClick={() => setEditing(true)}>
            {t('account.admin.editName')}
          </Button>
        )}
      </Group>
      {passwordReset !== null && (
        <Text size="sm" data-refusal={passwordReset}>
          {t(`errors.${passwordReset}`)}
        </Text>
      )}
      {send.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('account.admin.sent', { email: send.data.sentTo, time: formatDateTime(send.data.expiresAt, i18n.language) })}
        </Alert>
      )}
      {send.isError && <ErrorAlert error={send.error} />}
      {renamed && (
        <Alert color="green" variant="outline" role="status">
          {t('account.admin.nameSaved', { name: renamed })}
        </Alert>
      )}
      {editing && (
        <EditNameDialog
          user={user}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setRenamed(saved);
          }}
        />
      )}
    </SectionPanel>
  );
}
