import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeHold } from '../../../api/sa-backoffice';
import type { Benefit } from '../../../api/software-assurance';
import { ErrorAlert } from '../../ErrorAlert';
import { ConfirmStep } from '../ConfirmStep';

const REASON_MAX = 500;

/**
 * R-SA-2: the publisher sets HAR on a benefit, or lifts it, for a reason the Licensing ID's
 * managers are mailed; the change is said in words and confirmed before it is sent.
 */
export function HoldChange({
  licensingId,
  number,
  benefit,
  onDone,
}: {
  licensingId: string;
  number: string;
  benefit: Benefit;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const verb = benefit.status === 'HAR' ? 'release' : 'hold';
  const name = t(`softwareAssurance.benefits.${benefit.benefit}`);
  const [opened, setOpened] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => changeHold(licensingId, benefit.benefit, verb, reason.trim()),
    onSuccess: async () => {
      setOpened(false);
      setConfirming(false);
      await queryClient.invalidateQueries({
        predicate: (q) => ['operator-sa-benefits', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0])),
      });
      onDone(t(`saBackoffice.hold.${verb}Done`, { benefit: name, number }));
    },
    onError: () => setConfirming(false),
  });
  const open = () => {
    setReason('');
    setProblem(undefined);
    setConfirming(false);
    mutation.reset();
    setOpened(true);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = reason.trim();
    const found = !value
      ? t('saBackoffice.hold.reasonRequired')
      : value.length > REASON_MAX
        ? t('saBackoffice.hold.reasonTooLong', { max: REASON_MAX })
        : undefined;
    setProblem(found);
    if (!found) setConfirming(true);
  };
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        color={verb === 'hold' ? 'orange.9' : 'blue'}
        onClick={open}
        aria-label={t('common.labelFor', { label: t(`saBackoffice.hold.${verb}`), target: name })}
      >
        {t(`saBackoffice.hold.${verb}`)}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t(`saBackoffice.hold.${verb}Title`, { benefit: name, number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text size="sm">{t(`saBackoffice.hold.${verb}Intro`)}</Text>
            {mutation.isError && <ErrorAlert error={mutation.error} />}
            <Textarea
              label={t('saBackoffice.hold.reason')}
              description={t('saBackoffice.hold.reasonHelp', { max: REASON_MAX })}
              required
              autosize
              minRows={3}
              value={reason}
              error={problem}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setConfirming(false);
              }}
            />
            <ConfirmStep
              confirming={confirming}
              question={t(`saBackoffice.hold.${verb}Question`, { benefit: name, number, reason: reason.trim() })}
              confirmLabel={t(`saBackoffice.hold.${verb}Confirm`)}
              onConfirm={() => mutation.mutate()}
              onBack={() => setConfirming(false)}
              pending={mutation.isPending}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
