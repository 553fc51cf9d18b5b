import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, type SupportRequestDetail } from '../../api/support';
import { formatBytes, formatDateTime } from '../downloads/format';

/** The request as sent (description, attachments, R-SUP-2 verification) and every reply since, oldest first. */
export function Conversation({ request, asPublisher }: { request: SupportRequestDetail; asPublisher: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby={`${headingId}-sent`}>
        <Stack gap="xs">
          <Title order={2} size="h4" id={`${headingId}-sent`}>
            {t('support.detail.sentHeading', { by: request.requestedBy, date: date(request.submittedAt) })}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{request.description}</Text>
          {request.imagingVerification && (
            <Text size="sm" data-imaging-verification="">
              {t('support.detail.imaging', {
                by: request.imagingVerification.verifiedBy,
                date: date(request.imagingVerification.verifiedAt),
                count: request.imagingVerification.machines,
              })}
            </Text>
          )}
          <Files requestId={request.id} files={request.attachments} asPublisher={asPublisher} />
        </Stack>
      </Paper>
      <Title order={2} size="h3">
        {t('support.detail.replies')}
      </Title>
      {request.messages.length === 0 && <Text>{t(asPublisher ? 'support.detail.noRepliesPublisher' : 'support.detail.noReplies')}</Text>}
      {request.messages.map((m) => (
        <Paper
          key={m.id}
          withBorder
          p="md"
          component="article"
          aria-label={t('support.detail.messageLabel', { author: authorLabel(t, m, asPublisher), date: date(m.createdAt) })}
          data-author={m.author}
          bg={m.author === 'PUBLISHER' ? 'gray.0' : undefined}
        >
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={700}>
              {authorLabel(t, m, asPublisher)}
            </Text>
            <Text size="sm">{date(m.createdAt)}</Text>
          </Group>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.body}</Text>
          <Files requestId={request.id} files={m.attachments} asPublisher={asPublisher} />
        </Paper>
      ))}
    </Stack>
  );
}

/** A message's files, each a download link (none: nothing shown). */
function Files({ requestId, files, asPublisher }: { requestId: string; files: SupportRequestDetail['attachments']; asPublisher: boolean }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack gap={4} mt="xs">
      <Text size="sm" fw={600}>
        {t('support.detail.attachments')}
      </Text>
      <List size="sm">
        {files.map((a) => (
          <List.Item key={a.id}>
            <Anchor href={attachmentUrl(requestId, a.id, asPublisher)} download={a.name} style={{ overflowWrap: 'anywhere' }}>
              {a.name}
            </Anchor>{' '}
            ({formatBytes(a.size, i18n.language)})
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function authorLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  m: SupportRequestDetail['messages'][number],
  asPublisher: boolean,
): string {
  if (m.author === 'REQUESTER') return asPublisher ? t('support.detail.fromRequester') : t('support.detail.fromYou');
  return asPublisher && m.authorName ? t('support.detail.fromStaff', { name: m.authorName }) : t('support.detail.fromSupport');
}
