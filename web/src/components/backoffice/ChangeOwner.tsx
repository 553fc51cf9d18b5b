import { Button, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgreementRecord, changeOwner, customersQuery } from '../../api/backoffice';
import { ErrorAlert } from '../ErrorAlert';
import { ConfirmStep } from './ConfirmStep';
import { type ContactRow, ContactRows, contactErrors, contactsBody, emptyContact, type FieldErrors, RefusedValues } from './ContactRows';

/**
 * Change of ownership of an Open License: another organization and its contacts of record, who
 * take over; every role on the license ends. Confirmed before it is sent.
 */
export function ChangeOwner({ agreement, onDone }: { agreement: AgreementRecord; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [organizationId, setOrganizationId] = useState('');
  const [contacts, setContacts] = useState<ContactRow[]>([emptyContact()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const found = useQuery({ ...customersQuery(q), enabled: opened });
  const candidates = (found.data?.items ?? []).filter((o) => o.id !== agreement.organization.id);
  const target = candidates.find((o) => o.id === organizationId);
  const change = useMutation({
    mutationFn: () => changeOwner(agreement.id, { organizationId, contacts: contactsBody(contacts) }),
    onSuccess: async (moved) => {
      setOpened(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['operator-customer'] });
      await queryClient.invalidateQueries({ queryKey: ['operator-customers'] });
      onDone(t('backoffice.ownership.done', { number: agreement.number, name: moved.organization.name }));
    },
    onError: () => setConfirming(false),
  });
  const open = () => {
    setSearch('');
    setOrganizationId('');
    setContacts([emptyContact()]);
    setErrors({});
    setConfirming(false);
    change.reset();
    setOpened(true);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {
      organization: target ? undefined : t('backoffice.ownership.organizationRequired'),
      contacts: contacts.length > 0 ? undefined : t('backoffice.ownership.contactsRequired'),
      ...contactErrors(contacts, t),
    };
    setErrors(next);
    if (!Object.values(next).some(Boolean)) setConfirming(true);
  };
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        w="fit-content"
        onClick={open}
        aria-label={t('common.labelFor', { label: t('backoffice.ownership.button'), target: agreement.number })}
      >
        {t('backoffice.ownership.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        size="lg"
        title={t('backoffice.ownership.title', { number: agreement.number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text size="sm">{t('backoffice.ownership.intro', { owner: agreement.organization.name })}</Text>
            {change.isError && (
              <ErrorAlert error={change.error}>
                <RefusedValues error={change.error} />
              </ErrorAlert>
            )}
            <TextInput
              type="search"
              label={t('backoffice.ownership.search')}
              description={t('backoffice.customers.searchHelp')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setConfirming(false);
              }}
            />
            <NativeSelect
              label={t('backoffice.ownership.organization')}
              value={organizationId}
              error={errors.organization}
              onChange={(e) => {
                setOrganizationId(e.currentTarget.value);
                setConfirming(false);
              }}
              data={[
                { value: '', label: candidates.length ? t('backoffice.ownership.chooseOrganization') : t('backoffice.ownership.noMatch') },
                ...candidates.map((o) => ({ value: o.id, label: `${o.name} (${o.domains.join(', ')})` })),
              ]}
            />
            <Title order={3} size="h4">
              {t('backoffice.ownership.contacts')}
            </Title>
            <Text size="sm">{t('backoffice.onboard.contactsHelp')}</Text>
            {errors.contacts && (
              <Text size="sm" c="red.9" role="alert">
                {errors.contacts}
              </Text>
            )}
            <ContactRows
              contacts={contacts}
              onChange={(next) => {
                setContacts(next);
                setConfirming(false);
              }}
              errors={errors}
            />
            <ConfirmStep
              confirming={confirming && target !== undefined}
              question={t('backoffice.ownership.confirmQuestion', {
                number: agreement.number,
                from: agreement.organization.name,
                to: target?.name ?? '',
                count: contacts.length,
              })}
              confirmLabel={t('backoffice.ownership.confirm')}
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
