import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgreementRecord, type ContactOfRecord, changeContact, customerQuery } from '../../api/backoffice';
import type { Locale } from '../../api/types';
import { ChangeOwner } from '../../components/backoffice/ChangeOwner';
import { ConfirmStep } from '../../components/backoffice/ConfirmStep';
import { ExpiryPanel } from '../../components/backoffice/ExpiryPanel';
import { RenewEnrollment } from '../../components/backoffice/RenewEnrollment';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { emailProblem } from '../../lib/email';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REL-6: the publisher names another contact of record, after confirming what changes. */
function ChangeContact({ agreement, contact }: { agreement: AgreementRecord; contact: ContactOfRecord }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Locale>('en');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const type = t(`backoffice.contactTypes.${contact.type}`);
  const change = useMutation({
    mutationFn: () => changeContact(agreement.id, contact.type, { name: name.trim(), email: email.trim(), locale }),
    onSuccess: async () => {
      setConfirming(false);
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['operator-customer', agreement.organization.id] });
    },
    onError: () => setConfirming(false),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      name: name.trim() ? undefined : t('backoffice.form.required'),
      email: emailProblem(email.trim(), { required: t('backoffice.form.required'), invalid: t('backoffice.form.emailInvalid') }),
    };
    setErrors(next);
    if (!next.name && !next.email) setConfirming(true);
  };
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        onClick={() => setEditing(true)}
        aria-label={t('common.labelFor', { label: t('backoffice.customer.change'), target: type })}
      >
        {t('backoffice.customer.change')}
      </Button>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('backoffice.customer.changeTitle', { type, number: agreement.number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text size="sm">{t('backoffice.customer.changeIntro', { name: contact.name, email: contact.email })}</Text>
            {change.isError && <ErrorAlert error={change.error} />}
            <TextInput
              label={t('backoffice.form.contactName')}
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              type="email"
              label={t('backoffice.form.contactEmail')}
              value={email}
              error={errors.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('backoffice.form.contactLocale')}
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value as Locale)}
              data={[
                { value: 'en', label: t('language.en') },
                { value: 'sv', label: t('language.sv') },
              ]}
            />
            {confirming ? (
              <ConfirmStep
                question={t('backoffice.customer.confirmQuestion', { type, old: contact.name, name: name.trim(), email: email.trim() })}
                confirmLabel={t('backoffice.customer.confirm')}
                onConfirm={() => change.mutate()}
                onBack={() => setConfirming(false)}
                pending={change.isPending}
              />
            ) : (
              <Group justify="flex-end">
                <Button type="submit">{t('backoffice.customer.next')}</Button>
              </Group>
            )}
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function AgreementPanel({ agreement, onDone }: { agreement: AgreementRecord; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-agreement={agreement.number}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('backoffice.customer.agreementHeading', {
            number: agreement.number,
            program: programName(t, agreement.programCode, agreement.programName),
          })}
        </Title>
        <Text size="sm">
          {t('backoffice.customer.terms', {
            start: agreement.startDate,
            end: agreement.endDate ?? t('backoffice.customer.noEnd'),
            priceLevel: agreement.priceLevel ?? t('backoffice.customer.noPriceLevel'),
            mbsa: agreement.mbsaNumber ?? t('backoffice.customer.noMbsa'),
          })}
        </Text>
        <ScrollTable
          caption={t('backoffice.customer.licensingIdsCaption', { number: agreement.number })}
          columns={[
            t('backoffice.customer.number'),
            t('backoffice.customer.name'),
            t('backoffice.customer.term'),
            t('backoffice.customer.status'),
            t('backoffice.customer.actions'),
          ]}
        >
          {agreement.licensingIds.map((l) => (
            <Table.Tr key={l.id} data-licensing-id={l.number}>
              <Table.Td>{l.number}</Table.Td>
              <Table.Td>{l.name}</Table.Td>
              <Table.Td>
                {t('backoffice.customer.termRange', { start: l.startDate, end: l.endDate ?? t('backoffice.customer.noEnd') })}
              </Table.Td>
              <Table.Td>
                <Badge color={l.status === 'ACTIVE' ? 'green.9' : 'gray.8'} variant="outline">
                  {t(`backoffice.statuses.${l.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {/* Only an enrollment is renewed under its MBSA; other kinds have no action here. */}
                {l.kind === 'ENROLLMENT' && <RenewEnrollment agreement={agreement} licensingId={l} onDone={onDone} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
        {agreement.programCode === 'OPEN_LICENSE' && <ChangeOwner agreement={agreement} onDone={onDone} />}
        <Title order={3} size="h4">
          {t('backoffice.customer.contactsHeading')}
        </Title>
        {agreement.contacts.length === 0 ? (
          <Text size="sm">{t('backoffice.customer.noContacts')}</Text>
        ) : (
          <ScrollTable
            caption={t('backoffice.customer.contactsCaption', { number: agreement.number })}
            columns={[
              t('backoffice.customer.contactType'),
              t('backoffice.customer.name'),
              t('backoffice.customer.email'),
              t('backoffice.customer.registered'),
              t('backoffice.customer.actions'),
            ]}
          >
            {agreement.contacts.map((c) => (
              <Table.Tr key={c.type} data-contact-type={c.type}>
                <Table.Td>{t(`backoffice.contactTypes.${c.type}`)}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.email}</Table.Td>
                <Table.Td>{t(c.registered ? 'backoffice.customer.yes' : 'backoffice.customer.invited')}</Table.Td>
                <Table.Td>
                  <ChangeContact agreement={agreement} contact={c} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * One customer: its agreements, Licensing IDs and contacts of record; contacts change here (R-REL-6),
 * enrollments are renewed, an Open License changes owner, and expiry runs now for every customer.
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams({ from: '/_app/operator/customers/$organizationId' });
  const customer = useQuery(customerQuery(organizationId));
  usePageTitle(customer.data?.name ?? t('backoffice.customers.title'));
  // What the last renewal, change of owner or expiry run did, said once it is done.
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/customers" search={{ q: '' }} size="sm">
        {t('backoffice.customers.back')}
      </AnchorLink>
      {customer.isPending && <Loading />}
      {customer.isError && <ErrorAlert error={customer.error} />}
      {customer.data && (
        <>
          <Stack gap="xs">
            <Title order={1}>{customer.data.name}</Title>
            <Text>{t('backoffice.customer.intro', { domains: customer.data.domains.join(', '), country: customer.data.country })}</Text>
            <AnchorLink to="/operator/audit" search={{ organizationId }} size="sm" w="fit-content">
              {t('backoffice.customer.auditLink', { name: customer.data.name })}
            </AnchorLink>
          </Stack>
          <div role="status">
            {notice && (
              <Alert
                color="green"
                variant="outline"
                title={t('backoffice.customer.doneTitle')}
                withCloseButton
                onClose={() => setNotice(null)}
                closeButtonLabel={t('common.close')}
              >
                {notice}
              </Alert>
            )}
          </div>
          {customer.data.agreements.length === 0 && <Text>{t('backoffice.customers.noAgreements')}</Text>}
          {customer.data.agreements.map((a) => (
            <AgreementPanel key={a.id} agreement={a} onDone={setNotice} />
          ))}
          <ExpiryPanel onDone={setNotice} />
        </>
      )}
    </Stack>
  );
}
