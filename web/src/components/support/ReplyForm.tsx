import { Button, Checkbox, Paper, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

const REPLY_MAX = 5000;

/** A reply on an open request; the publisher may say the answer waits for the customer. */
export function ReplyForm({
  onSend,
  pending,
  asPublisher,
}: {
  onSend: (body: string, waitForCustomer: boolean) => Promise<unknown>;
  pending: boolean;
  asPublisher: boolean;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [waitForCustomer, setWaitForCustomer] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(t('support.form.required'));
      return;
    }
    if (text.length > REPLY_MAX) {
      setError(t('support.form.tooLong', { max: REPLY_MAX }));
      return;
    }
    setError(undefined);
    try {
      await onSend(text, waitForCustomer);
    } catch {
      return; // the page shows the refusal; the text stays for another try
    }
    setBody('');
    setWaitForCustomer(false);
  };
  return (
    <Paper component="form" withBorder p="md" noValidate onSubmit={onSubmit} maw={760}>
      <Stack>
        <Textarea
          label={t(asPublisher ? 'support.reply.answerLabel' : 'support.reply.label')}
          description={t(asPublisher ? 'support.reply.answerHelp' : 'support.reply.help')}
          required
          autosize
          minRows={4}
          maxLength={REPLY_MAX}
          value={body}
          error={error}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        {asPublisher && (
          <Checkbox
            label={t('support.reply.waitForCustomer')}
            checked={waitForCustomer}
            onChange={(e) => setWaitForCustomer(e.currentTarget.checked)}
          />
        )}
        <Button type="submit" loading={pending} w="fit-content">
          {t(asPublisher ? 'support.reply.sendAnswer' : 'support.reply.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
