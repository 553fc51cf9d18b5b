import { Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgreementRecord, renewEnrollment } from '../../api/backoffice';
import { ErrorAlert } from '../ErrorAlert';
import { ConfirmStep } from './ConfirmStep';

type LicensingIdOf = AgreementRecord['licensingIds'][number];

/** Renewal of an enrollment under the same MBSA: a later end date, confirmed before it is sent. */
export function RenewEnrollment({
  agreement,
  licensingId,
  onDone,
}: {
  agreement: AgreementRecord;
  licensingId: LicensingIdOf;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [endDate, setEndDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const renew = useMutation({
    mutationFn: () => renewEnrollment(licensingId.id, endDate),
    onSuccess: async () => {
      setOpened(false);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['operator-customer', agreement.organization.id] });
      onDone(t('backoffice.renew.done', { number: licensingId.number, date: endDate }));
    },
    onError: () => setConfirming(false),
  });
  const open = () => {
    setEndDate('');
    setError(undefined);
    setConfirming(false);
    renew.reset();
    setOpened(true);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(endDate)
      ? t('backoffice.form.dateInvalid')
      : licensingId.endDate && endDate <= licensingId.endDate
        ? t('backoffice.renew.notLater', { end: licensingId.endDate })
        : undefined;
    setError(problem);
    if (!problem) setConfirming(true);
  };
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        onClick={open}
        aria-label={t('common.labelFor', { label: t('backoffice.renew.button'), target: licensingId.number })}
      >
        {t('backoffice.renew.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('backoffice.renew.title', { number: licensingId.number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text size="sm">
              {t('backoffice.renew.intro', { name: licensingId.name, end: licensingId.endDate ?? t('backoffice.customer.noEnd') })}
            </Text>
            {renew.isError && <ErrorAlert error={renew.error} />}
            <TextInput
              type="date"
              label={t('backoffice.renew.endDate')}
              description={t('backoffice.form.dateHelp')}
              value={endDate}
              min={licensingId.endDate ?? undefined}
              error={error}
              onChange={(e) => {
                setEndDate(e.currentTarget.value);
                setConfirming(false);
              }}
            />
            <ConfirmStep
              confirming={confirming}
              question={t('backoffice.renew.confirmQuestion', { number: licensingId.number, name: licensingId.name, date: endDate })}
              confirmLabel={t('backoffice.renew.confirm')}
              onConfirm={() => renew.mutate()}
              onBack={() => setConfirming(false)}
              pending={renew.isPending}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
