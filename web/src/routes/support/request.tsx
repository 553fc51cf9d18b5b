import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { closeMySupportRequest, mySupportRequestQuery, replyToSupport } from '../../api/support';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { fileRefusal } from '../../components/support/AttachmentPicker';
import { Conversation } from '../../components/support/Conversation';
import { type ReplyDraft, ReplyForm } from '../../components/support/ReplyForm';
import { SupportStatusBadge } from '../../components/support/SupportStatus';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-SUP-1: one of the requester's requests: the conversation, a reply, and closing it (after confirming). */
export function SupportRequestPage() {
  const { t, i18n } = useTranslation();
  const { requestId } = useParams({ from: '/_app/support/requests/$requestId' });
  const { sent } = useSearch({ from: '/_app/support/requests/$requestId' });
  const queryClient = useQueryClient();
  const request = useQuery(mySupportRequestQuery(requestId));
  usePageTitle(request.data ? t('support.detail.title', { reference: request.data.reference }) : t('support.mine.title'));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['support-requests'] });
  };
  const reply = useMutation({
    mutationFn: ({ body, attachments }: ReplyDraft) => replyToSupport(requestId, { body, attachments }),
    onSuccess: refresh,
  });
  const fileError = fileRefusal(reply.error, t);
  const close = useMutation({ mutationFn: () => closeMySupportRequest(requestId), onSuccess: refresh });
  const r = request.data;
  return (
    <Stack gap="lg">
      <AnchorLink to="/support" search={{}} w="fit-content">
        {t('support.detail.back')}
      </AnchorLink>
      {sent && (
        <Alert color="green" variant="outline" role="status" title={t('support.mine.sentTitle')}>
          {t('support.mine.sent')}
        </Alert>
      )}
      {request.isPending && <Loading />}
      {request.isError &&
        (problemCode(request.error) === 'NOT_FOUND' ? (
          <>
            <Title order={1}>{t('support.detail.notFoundTitle')}</Title>
            <EmptyNotice title={t('support.detail.notFoundTitle')} description={t('support.detail.notFound')} data-state="not-found" />
          </>
        ) : (
          <ErrorAlert error={request.error} />
        ))}
      {r && (
        <>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {t('support.detail.title', { reference: r.reference })}: {r.subject}
          </Title>
          <Group gap="sm">
            <SupportStatusBadge status={r.status} />
            <Text size="sm">
              {t('support.detail.facts', {
                topic: t(`support.topics.${r.topic}`),
                licensingId: r.licensingIdNumber ?? t('support.noLicensingId'),
              })}
            </Text>
          </Group>
          {r.answerDueAt && <Text size="sm">{t('support.detail.dueForYou', { date: formatDateTime(r.answerDueAt, i18n.language) })}</Text>}
          <Conversation request={r} asPublisher={false} />
          {reply.isError && !fileError && <ErrorAlert error={reply.error} />}
          {close.isError && <ErrorAlert error={close.error} />}
          {r.status === 'CLOSED' ? (
            <Text>{t('support.detail.closed', { date: r.closedAt ? formatDateTime(r.closedAt, i18n.language) : '' })}</Text>
          ) : (
            <>
              <Title order={2} size="h3">
                {t('support.reply.heading')}
              </Title>
              <ReplyForm asPublisher={false} pending={reply.isPending} fileError={fileError} onSend={(draft) => reply.mutateAsync(draft)} />
              <ConfirmButton
                label={t('support.close.button')}
                title={t('support.close.title')}
                question={t('support.close.question', { reference: r.reference })}
                confirmLabel={t('support.close.confirm')}
                onConfirm={() => close.mutate()}
                loading={close.isPending}
                size="sm"
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
