import { Button, Checkbox, Paper, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewAttachment } from '../../api/support';
import { AttachmentPicker, attachmentsProblem, toAttachments } from './AttachmentPicker';

const REPLY_MAX = 5000;

export interface ReplyDraft {
  body: string;
  waitForCustomer: boolean;
  attachments: NewAttachment[];
}

/**
 * A reply on an open request, with files if needed (R-SUP-1, both directions); the publisher may
 * say the answer waits for the customer. `fileError` is the server's refusal of the files.
 */
export function ReplyForm({
  onSend,
  pending,
  asPublisher,
  fileError,
}: {
  onSend: (reply: ReplyDraft) => Promise<unknown>;
  pending: boolean;
  asPublisher: boolean;
  fileError?: string | undefined;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [waitForCustomer, setWaitForCustomer] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [filesError, setFilesError] = useState<string | undefined>();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = body.trim();
    const fileProblem = attachmentsProblem(files, t);
    setFilesError(fileProblem);
    if (!text) {
      setError(t('support.form.required'));
      return;
    }
    if (text.length > REPLY_MAX) {
      setError(t('support.form.tooLong', { max: REPLY_MAX }));
      return;
    }
    setError(undefined);
    if (fileProblem) return;
    try {
      await onSend({ body: text, waitForCustomer, attachments: await toAttachments(files) });
    } catch {
      return; // the page shows the refusal; the text and files stay for another try
    }
    setBody('');
    setFiles([]);
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
        <AttachmentPicker files={files} onChange={setFiles} error={filesError ?? fileError} />
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
