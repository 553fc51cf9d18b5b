import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersQuery } from '../../../api/backoffice';
import { addPartnerUser, assignPartner, type ChannelPartner, partnerQuery } from '../../../api/partners';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { AnchorLink } from '../../../components/links';
import { ScrollTable } from '../../../components/tables';
import { emailProblem } from '../../../lib/email';
import { usePageTitle } from '../../../lib/usePageTitle';
import { emptyPerson, type PersonDraft, PersonFields, personProblems } from './person-fields';

/** The publisher adds a user to the partner; they are invited with the partner's welcome mail. */
function AddUser({ partner }: { partner: ChannelPartner }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [person, setPerson] = useState<PersonDraft>(emptyPerson());
  const [errors, setErrors] = useState<ReturnType<typeof personProblems>>({ firstName: undefined, lastName: undefined, email: undefined });
  const add = useMutation({
    mutationFn: () =>
      addPartnerUser(partner.id, {
        ...person,
        email: person.email.trim(),
        firstName: person.firstName.trim(),
        lastName: person.lastName.trim(),
      }),
    onSuccess: async () => {
      setPerson(emptyPerson());
      await queryClient.invalidateQueries({ queryKey: ['operator-partner', partner.id] });
    },
  });
  const required = t('backoffice.form.required');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = personProblems(person, required, (v) => emailProblem(v, { required, invalid: t('backoffice.form.emailInvalid') }));
    setErrors(next);
    if (!Object.values(next).some(Boolean)) add.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('partner.detail.addUser')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('partner.detail.addUser')}
        </Title>
        <Text size="sm">{t('partner.detail.addUserHelp', { domains: partner.domains.join(', ') })}</Text>
        {add.isError && <ErrorAlert error={add.error} />}
        {add.isSuccess && (
          <Text size="sm" role="status">
            {t('partner.detail.invited')}
          </Text>
        )}
        <PersonFields value={person} onChange={setPerson} errors={errors} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('partner.detail.invite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** R-REL-6: the publisher records the partner of every Licensing ID of a customer's agreement, found by searching customers. */
function AssignAgreement({ partner }: { partner: ChannelPartner }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [agreementId, setAgreementId] = useState('');
  const customers = useQuery({ ...customersQuery(q), enabled: q.trim().length >= 2 });
  const options = (customers.data?.items ?? []).flatMap((o) =>
    o.agreements.map((a) => ({ value: a.id, label: t('partner.detail.agreementOption', { number: a.number, organization: o.name }) })),
  );
  const chosen = options.find((o) => o.value === agreementId);
  const assign = useMutation({
    mutationFn: () => assignPartner(agreementId, partner.id),
    onSuccess: async () => {
      setAgreementId('');
      await queryClient.invalidateQueries({ queryKey: ['operator-partner', partner.id] });
    },
  });
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('partner.detail.assign')}
      </Title>
      <Text size="sm">{t('partner.detail.assignHelp')}</Text>
      {assign.isError && <ErrorAlert error={assign.error} />}
      {assign.isSuccess && (
        <Text size="sm" role="status">
          {t('partner.detail.assigned')}
        </Text>
      )}
      <TextInput
        type="search"
        label={t('partner.detail.findCustomer')}
        description={t('partner.detail.findCustomerHelp')}
        value={q}
        maw={480}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setAgreementId('');
        }}
      />
      {customers.isError && <ErrorAlert error={customers.error} />}
      {customers.isSuccess && options.length === 0 && <Text size="sm">{t('partner.detail.noAgreements')}</Text>}
      {options.length > 0 && (
        <NativeSelect
          label={t('partner.detail.agreement')}
          value={agreementId}
          maw={480}
          onChange={(e) => setAgreementId(e.currentTarget.value)}
          data={[{ value: '', label: t('partner.detail.chooseAgreement') }, ...options]}
        />
      )}
      {chosen && (
        <ConfirmButton
          destructive={false}
          variant="filled"
          size="sm"
          label={t('partner.detail.assignButton')}
          title={t('partner.detail.assignConfirmTitle')}
          question={t('partner.detail.assignConfirm', { partner: partner.name, agreement: chosen.label })}
          confirmLabel={t('partner.detail.assignButton')}
          loading={assign.isPending}
          onConfirm={() => assign.mutate()}
        />
      )}
    </Stack>
  );
}

/** One channel partner: its number, notice address and users; add users and record whom it serves. */
export function PartnerDetailPage() {
  const { t } = useTranslation();
  const { partnerId } = useParams({ from: '/_app/operator/partners/$partnerId' });
  const partner = useQuery(partnerQuery(partnerId));
  usePageTitle(partner.data?.name ?? t('partner.admin.title'));
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/partners" size="sm">
        {t('partner.admin.back')}
      </AnchorLink>
      {partner.isPending && <Loading />}
      {partner.isError && <ErrorAlert error={partner.error} />}
      {partner.data && (
        <>
          <Stack gap="xs">
            <Title order={1}>{partner.data.name}</Title>
            <Text>
              {t('partner.detail.summary', {
                number: partner.data.number,
                domains: partner.data.domains.join(', '),
                email: partner.data.notificationEmail,
                customers: partner.data.customerCount,
                licensingIds: partner.data.licensingIdCount,
              })}
            </Text>
          </Stack>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h3">
                {t('partner.detail.users')}
              </Title>
              {partner.data.users.length === 0 ? (
                <Text size="sm">{t('partner.detail.noUsers')}</Text>
              ) : (
                <ScrollTable
                  caption={t('partner.detail.usersCaption', { partner: partner.data.name })}
                  columns={[t('partner.detail.userName'), t('partner.detail.userEmail'), t('partner.detail.userStatus')]}
                >
                  {partner.data.users.map((u) => (
                    <Table.Tr key={u.id} data-user={u.email}>
                      <Table.Td>{`${u.firstName} ${u.lastName}`.trim() || u.email}</Table.Td>
                      <Table.Td>{u.email}</Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color={u.status === 'active' ? 'green.9' : 'gray.8'}>
                          {t(`partner.userStatus.${u.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </ScrollTable>
              )}
              <AddUser partner={partner.data} />
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <AssignAgreement partner={partner.data} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
