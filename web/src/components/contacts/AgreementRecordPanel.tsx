import { Badge, Button, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementRecord, ContactChange, ContactOfRecord, ContactType } from '../../api/backoffice';
import type { Locale } from '../../api/types';
import { emailProblem } from '../../lib/email';
import { programName } from '../../lib/programName';
import { ConfirmStep } from '../backoffice/ConfirmStep';
import { ErrorAlert } from '../ErrorAlert';
import { ScrollTable } from '../tables';

/** Who names contacts here and what the page reloads after a change: the publisher's back office or the channel partner's area. */
export interface ContactChanger {
  save: (agreementId: string, type: ContactType, body: ContactChange) => Promise<unknown>;
  /** The query to refetch once the change is saved. */
  invalidate: QueryKey;
}

/** R-REL-6: the publisher or the channel partner of record names another contact of record, after confirming what changes. */
function ChangeContact({ agreement, contact, changer }: { agreement: AgreementRecord; contact: ContactOfRecord; changer: ContactChanger }) {
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
    mutationFn: () => changer.save(agreement.id, contact.type, { name: name.trim(), email: email.trim(), locale }),
    onSuccess: async () => {
      setConfirming(false);
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: changer.invalidate });
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
            <ConfirmStep
              confirming={confirming}
              question={t('backoffice.customer.confirmQuestion', { type, old: contact.name, name: name.trim(), email: email.trim() })}
              confirmLabel={t('backoffice.customer.confirm')}
              onConfirm={() => change.mutate()}
              onBack={() => setConfirming(false)}
              pending={change.isPending}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/**
 * One onboarded agreement: its terms, Licensing IDs and contacts of record. `changer`: who may
 * change the contacts here (R-REL-6: only the publisher and the channel partner of record);
 * `licensingIdAction`: what each Licensing ID's row offers; `children`: more about the agreement.
 */
export function AgreementRecordPanel({
  agreement,
  changer,
  licensingIdAction,
  children,
}: {
  agreement: AgreementRecord;
  changer?: ContactChanger;
  licensingIdAction?: (licensingId: AgreementRecord['licensingIds'][number]) => ReactNode;
  children?: ReactNode;
}) {
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
        <Text size="sm" data-channel-partner={agreement.channelPartner?.number ?? ''}>
          {agreement.channelPartner
            ? t('backoffice.customer.channelPartner', agreement.channelPartner)
            : t('backoffice.customer.noChannelPartner')}
        </Text>
        <ScrollTable
          caption={t('backoffice.customer.licensingIdsCaption', { number: agreement.number })}
          columns={[
            t('backoffice.customer.number'),
            t('backoffice.customer.name'),
            t('backoffice.customer.term'),
            t('backoffice.customer.status'),
            ...(licensingIdAction ? [t('backoffice.customer.actions')] : []),
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
              {licensingIdAction && <Table.Td>{licensingIdAction(l)}</Table.Td>}
            </Table.Tr>
          ))}
        </ScrollTable>
        {children}
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
              ...(changer ? [t('backoffice.customer.actions')] : []),
            ]}
          >
            {agreement.contacts.map((c) => (
              <Table.Tr key={c.type} data-contact-type={c.type}>
                <Table.Td>{t(`backoffice.contactTypes.${c.type}`)}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.email}</Table.Td>
                <Table.Td>{t(c.registered ? 'backoffice.customer.yes' : 'backoffice.customer.invited')}</Table.Td>
                {changer && (
                  <Table.Td>
                    <ChangeContact agreement={agreement} contact={c} changer={changer} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}
