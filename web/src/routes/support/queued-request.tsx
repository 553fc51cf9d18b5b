import { Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, problemCode } from '../../api/client';
import { answerSupportRequest, closeQueuedRequest, queuedRequestQuery } from '../../api/support';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { fileRefusal } from '../../components/support/AttachmentPicker';
import { Conversation } from '../../components/support/Conversation';
import { type ReplyDraft, ReplyForm } from '../../components/support/ReplyForm';
import { StatusWithDue } from '../../components/support/SupportStatus';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-SUP-1: a request in the publisher's queue: the conversation, the answer (mailed to the requester), closing it after confirming. */
export function QueuedRequestPage() {
  const { t, i18n } = useTranslation();
  const { requestId } = useParams({ from: '/_app/support/queue/$requestId' });
  const queryClient = useQueryClient();
  const request = useQuery(queuedRequestQuery(requestId));
  usePageTitle(request.data ? t('support.detail.title', { reference: request.data.reference }) : t('support.queue.title'));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['support-queue'] });
  };
  const answer = useMutation({
    mutationFn: (draft: ReplyDraft) => answerSupportRequest(requestId, draft),
    onSuccess: refresh,
  });
  const fileError = fileRefusal(answer.error, t);
  const close = useMutation({ mutationFn: () => closeQueuedRequest(requestId), onSuccess: refresh });
  const forbidden = request.error instanceof ApiError && request.error.status === 403;
  const r = request.data;
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack gap="lg">
      <AnchorLink to="/support/queue" search={{ status: 'OPEN' }} w="fit-content">
        {t('support.queue.back')}
      </AnchorLink>
      {request.isPending && <Loading />}
      {forbidden && (
        <>
          <Title order={1}>{t('support.queue.title')}</Title>
          <NoAccess title={t('support.queue.noRoleTitle')} description={t('support.queue.noRole')} />
        </>
      )}
      {request.isError &&
        !forbidden &&
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
            <StatusWithDue status={r.status} overdue={r.overdue} />
            <Text size="sm">
              {t('support.queue.facts', {
                organization: r.organization,
                topic: t(`support.topics.${r.topic}`),
                licensingId: r.licensingIdNumber ?? t('support.noLicensingId'),
              })}
            </Text>
          </Group>
          <Text size="sm" data-due="">
            {r.answerDueAt ? t('support.queue.dueAt', { date: date(r.answerDueAt) }) : t('support.queue.nothingDue')}
          </Text>
          <Conversation request={r} asPublisher />
          {answer.isError && !fileError && <ErrorAlert error={answer.error} />}
          {close.isError && <ErrorAlert error={close.error} />}
          {r.status === 'CLOSED' ? (
            <Text>{t('support.detail.closed', { date: r.closedAt ? date(r.closedAt) : '' })}</Text>
          ) : (
            <>
              <Title order={2} size="h3">
                {t('support.reply.answerHeading')}
              </Title>
              <ReplyForm asPublisher pending={answer.isPending} fileError={fileError} onSend={(draft) => answer.mutateAsync(draft)} />
              <ConfirmButton
                label={t('support.close.button')}
                title={t('support.close.title')}
                question={t('support.close.questionPublisher', { reference: r.reference, organization: r.organization })}
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
