import { Button, Group, List, Modal, NumberInput, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { decideKeyRequest, type KeyRequestView, operatorKeyRequestsQuery, QUEUE_STATUSES, type QueueStatus } from '../../api/keys';
import { formatDateTime, productLabel } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../lib/usePageTitle';
import { KeyRequestStatusBadge } from './key-requests';

type Pending = 'APPROVE' | 'DENY' | null;

/** One request with what the publisher decides on, and the two decisions behind a confirmation. */
function RequestCard({ request }: { request: KeyRequestView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [asking, setAsking] = useState<Pending>(null);
  const [note, setNote] = useState('');
  const [activations, setActivations] = useState<number | string>(request.activationsWanted);
  const isException = request.kind === 'KMS_EXCEPTION_OPEN';
  const decide = useMutation({
    mutationFn: (decision: 'APPROVE' | 'DENY') =>
      decideKeyRequest(
        request.id,
        decision === 'APPROVE'
          ? { decision, note: note.trim() || undefined, activations: isException ? undefined : Number(activations) || undefined }
          : { decision, note: note.trim() || undefined },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['operator-key-requests'] }),
  });
  const confirm = () => {
    if (asking) decide.mutate(asking);
    setAsking(null);
  };
  const numbers = request.agreementNumber
    ? t('downloads.queue.agreementNumber', { number: request.agreementNumber })
    : t('downloads.queue.licenseNumbers', { license: request.licenseNumber ?? '', authorization: request.authorizationNumber ?? '' });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-request-id={request.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            {t('downloads.queue.heading', {
              kind: t(`downloads.requestKinds.${request.kind}`),
              organization: request.organization,
              number: request.licensingIdNumber,
            })}
          </Title>
          <KeyRequestStatusBadge status={request.status} />
        </Group>
        <List size="sm" spacing={2}>
          <List.Item>{numbers}</List.Item>
          <List.Item>
            {t('downloads.queue.product', {
              product: productLabel(request.product),
              lastFive: request.keyLastFive,
              type: t(`downloads.keyTypes.${request.keyType}`),
            })}
          </List.Item>
          <List.Item>
            {t('downloads.queue.counts', { used: request.used, limit: request.currentLimit, wanted: request.activationsWanted })}
          </List.Item>
          <List.Item>
            {t('downloads.queue.requestedBy', { by: request.requestedBy, date: formatDateTime(request.createdAt, i18n.language) })}
          </List.Item>
        </List>
        <Text size="sm" fw={600}>
          {t('downloads.queue.justification')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {request.justification}
        </Text>
        {request.status !== 'PENDING' && (
          <Text size="sm">
            {t('downloads.queue.decided', {
              date: request.decidedAt ? formatDateTime(request.decidedAt, i18n.language) : '',
              note: request.decisionNote ?? '',
              granted: request.activationsGranted ?? 0,
            })}
          </Text>
        )}
        {decide.isError && <KeyProblemAlert error={decide.error} />}
        {request.status === 'PENDING' && (
          <Group>
            <Button onClick={() => setAsking('APPROVE')} loading={decide.isPending && decide.variables === 'APPROVE'}>
              {t('downloads.queue.approve')}
            </Button>
            <Button
              color="red.9"
              variant="outline"
              onClick={() => setAsking('DENY')}
              loading={decide.isPending && decide.variables === 'DENY'}
            >
              {t('downloads.queue.deny')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        closeButtonProps={{ 'aria-label': t('downloads.close') }}
        title={t(asking === 'DENY' ? 'downloads.queue.denyTitle' : 'downloads.queue.approveTitle')}
      >
        <Stack>
          <Text size="sm">
            {asking === 'DENY'
              ? t('downloads.queue.denyQuestion', { organization: request.organization, lastFive: request.keyLastFive })
              : t(isException ? 'downloads.queue.approveExceptionQuestion' : 'downloads.queue.approveQuestion', {
                  organization: request.organization,
                  lastFive: request.keyLastFive,
                })}
          </Text>
          {asking === 'APPROVE' && !isException && (
            <NumberInput
              label={t('downloads.queue.grant')}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={activations}
              onChange={setActivations}
            />
          )}
          <Textarea label={t('downloads.queue.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('downloads.cancel')}
            </Button>
            <Button color={asking === 'DENY' ? 'red.9' : undefined} onClick={confirm}>
              {t(asking === 'DENY' ? 'downloads.queue.confirmDeny' : 'downloads.queue.confirmApprove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** R-PERM-13: the publisher's queue of key requests; approving raises the limit (or issues the KMS key). */
export function OperatorKeyRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.queue.title'));
  const { status } = useSearch({ from: '/_app/downloads/operator/key-requests' });
  const navigate = useNavigate({ from: '/downloads/operator/key-requests' });
  const queue = useQuery(operatorKeyRequestsQuery(status));
  const forbidden = queue.error instanceof ApiError && queue.error.status === 403;
  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.queue.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('downloads.queue.noRoleTitle')} description={t('downloads.queue.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('downloads.queue.intro')}</Text>
          <SegmentedControl
            aria-label={t('downloads.queue.filter')}
            w="fit-content"
            value={status}
            onChange={(v) => void navigate({ search: { status: v as QueueStatus }, replace: true })}
            data={QUEUE_STATUSES.map((s) => ({ value: s, label: t(`downloads.queue.statuses.${s}`) }))}
          />
          {queue.isPending && <Loading />}
          {queue.isError && <KeyProblemAlert error={queue.error} />}
          {queue.isSuccess && (
            <Text size="sm" role="status">
              {t('downloads.queue.count', { count: queue.data.items.length })}
            </Text>
          )}
          {queue.isSuccess && queue.data.items.length === 0 && (
            <Text>{t(status === 'PENDING' ? 'downloads.queue.none' : 'downloads.queue.noneInStatus')}</Text>
          )}
          {queue.data?.items.map((r) => (
            <RequestCard key={r.id} request={r} />
          ))}
        </>
      )}
    </Stack>
  );
}
