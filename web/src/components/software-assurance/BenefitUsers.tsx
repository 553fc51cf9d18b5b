import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addBenefitUser,
  type Benefit,
  type BenefitUser,
  type BenefitWithUsers,
  benefitUsersQuery,
  deleteBenefitUser,
  editBenefitUser,
  resendBenefitUser,
} from '../../api/software-assurance';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { DataTable } from '../licensing/DataTable';
import { RecipientFields, useRecipient } from '../recipient/RecipientFields';
import { SectionPanel } from '../SectionPanel';

const refresh = (q: { queryKey: readonly unknown[] }) => ['sa-benefit-users', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0]));

type Target = { licensingId: string; benefit: BenefitWithUsers };

/** R-SA-6: add a user (who takes one unit and is mailed instructions), or correct one chosen in the list. */
function UserForm({
  target,
  editing,
  remaining,
  onDone,
}: {
  target: Target;
  editing: BenefitUser | null;
  remaining: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useRecipient(
    'softwareAssurance.benefitUsers',
    editing ? { name: editing.name, email: editing.email, locale: editing.locale } : undefined,
  );
  const save = useMutation({
    mutationFn: () => {
      const body = user.body();
      return editing
        ? editBenefitUser(target.licensingId, target.benefit, editing.id, body)
        : addBenefitUser(target.licensingId, target.benefit, body);
    },
    onSuccess: () => {
      user.reset();
      onDone();
      return queryClient.invalidateQueries({ predicate: refresh });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (user.check()) save.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="benefit-user-form">
      <Stack maw={520}>
        <Text size="sm">{t('softwareAssurance.benefitUsers.remaining', { count: remaining })}</Text>
        <RecipientFields state={user} />
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" variant="outline" role="status" data-testid="benefit-user-saved">
            {t('softwareAssurance.benefitUsers.saved', { email: save.data.email })}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t(editing ? 'softwareAssurance.benefitUsers.save' : 'softwareAssurance.benefitUsers.add')}
          </Button>
          {editing && (
            <Button variant="subtle" onClick={onDone}>
              {t('softwareAssurance.benefitUsers.cancelEdit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The section of a benefit with named users: the form, and each user with Edit, Resend instructions and Delete (after confirming). */
export function BenefitUsers({ licensingId, benefit }: { licensingId: string; benefit: Benefit & { benefit: BenefitWithUsers } }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const target = { licensingId, benefit: benefit.benefit };
  const users = useQuery(benefitUsersQuery(licensingId, benefit.benefit));
  const [editing, setEditing] = useState<BenefitUser | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => deleteBenefitUser(licensingId, benefit.benefit, id),
    onSuccess: () => queryClient.invalidateQueries({ predicate: refresh }),
  });
  const resend = useMutation({ mutationFn: (id: string) => resendBenefitUser(licensingId, benefit.benefit, id) });
  const open = benefit.status === 'ACTIVATED';
  const rows = users.data?.users ?? [];
  const name = t(`softwareAssurance.benefits.${benefit.benefit}`);
  return (
    <SectionPanel headingId="benefit-users" title={t('softwareAssurance.benefitUsers.title', { benefit: name })}>
      <Text maw={760}>{t('softwareAssurance.benefitUsers.intro')}</Text>
      {open ? (
        <UserForm
          key={editing?.id ?? 'new'}
          target={target}
          editing={editing}
          remaining={benefit.quantityRemaining ?? 0}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t(`softwareAssurance.benefitUsers.closed.${benefit.status}`)}
        </Text>
      )}
      {users.isError && <ErrorAlert error={users.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {resend.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('softwareAssurance.benefitUsers.resent', { email: resend.data.email })}
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('softwareAssurance.benefitUsers.none')}</Text>
      ) : (
        <DataTable<BenefitUser>
          caption={t('softwareAssurance.benefitUsers.caption', { benefit: name })}
          rows={rows}
          rowKey={(u) => u.id}
          rowAttributes={(u) => ({ 'data-benefit-user': u.email })}
          minWidth={640}
          columns={[
            { key: 'name', header: t('softwareAssurance.benefitUsers.name'), rowHeader: true, cell: (u) => u.name },
            { key: 'email', header: t('softwareAssurance.benefitUsers.email'), cell: (u) => u.email },
            {
              key: 'locale',
              header: t('softwareAssurance.benefitUsers.language'),
              cell: (u) => t(`softwareAssurance.vouchers.languages.${u.locale}`),
            },
            {
              key: 'action',
              header: t('softwareAssurance.columns.action'),
              cell: (u) =>
                open ? (
                  <Group gap="xs" wrap="wrap">
                    <Button
                      size="xs"
                      variant="outline"
                      aria-label={`${t('softwareAssurance.benefitUsers.edit')}: ${u.email}`}
                      onClick={() => setEditing(u)}
                    >
                      {t('softwareAssurance.benefitUsers.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="outline"
                      aria-label={`${t('softwareAssurance.benefitUsers.resend')}: ${u.email}`}
                      loading={resend.isPending && resend.variables === u.id}
                      onClick={() => resend.mutate(u.id)}
                    >
                      {t('softwareAssurance.benefitUsers.resend')}
                    </Button>
                    <ConfirmButton
                      label={t('softwareAssurance.benefitUsers.delete')}
                      target={u.email}
                      title={t('softwareAssurance.benefitUsers.deleteTitle')}
                      question={t('softwareAssurance.benefitUsers.deleteQuestion', { name: u.name })}
                      confirmLabel={t('softwareAssurance.benefitUsers.delete')}
                      loading={remove.isPending && remove.variables === u.id}
                      onConfirm={() => remove.mutate(u.id)}
                    />
                  </Group>
                ) : null,
            },
          ]}
        />
      )}
    </SectionPanel>
  );
}
