import { Alert, Box, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideRequest, type PermissionRequest, type RequestFilter, refreshAfterRoleChange, requestsQuery } from '../../api/administration';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { formatDateTime, personName } from '../../components/administration/format';
import { HoldingSummary } from '../../components/administration/HoldingSummary';
import { RequestStatusBadge } from '../../components/administration/StatusBadges';
import { useAdministered } from '../../components/administration/useAdministered';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { RowHeader, ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

const FILTERS: RequestFilter[] = ['PENDING', 'ACCEPTED', 'DENIED', 'ALL'];

/** R-PERM-6: any one Administrator of the Licensing ID accepts or denies, with an optional note for the requester. */
function DecisionDialog({ request, onClose }: { request: PermissionRequest; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'ACCEPT' | 'DENY') => decideRequest(request.id, decision, note.trim()),
    onSuccess: () => refreshAfterRoleChange(queryClient),
  });
  const who = personName(request.requester);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('administration.requests.dialogTitle', { number: request.number })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {decide.isSuccess ? (
        <Stack>
          <Alert color="green" variant="outline" role="status">
            {t(decide.data.status === 'ACCEPTED' ? 'administration.requests.accepted' : 'administration.requests.denied', {
              number: request.number,
              who,
            })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text>{t('administration.requests.who', { who, email: request.requester.email, number: request.licensingId.number })}</Text>
          {request.licensingId.name && <Text size="sm">{request.licensingId.name}</Text>}
          <Box>
            <Text size="sm" fw={600}>
              {t('administration.requests.rolesAsked')}
            </Text>
            <HoldingSummary holding={{ roles: request.roles, subRoles: request.subRoles, manageReservation: false }} />
          </Box>
          <Text size="sm">{t('administration.requests.sentAt', { date: formatDateTime(request.createdAt, i18n.language) })}</Text>
          {request.comment && <Text size="sm">{t('administration.requests.comment', { comment: request.comment })}</Text>}
          <Textarea
            label={t('administration.requests.note')}
            description={t('administration.requests.noteHelp')}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {decide.isError && <ErrorAlert error={decide.error} />}
          <Text size="sm">{t('administration.requests.decisionHelp')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              variant="outline"
              onClick={() => decide.mutate('DENY')}
              loading={decide.isPending && decide.variables === 'DENY'}
            >
              {t('administration.requests.deny')}
            </Button>
            <Button onClick={() => decide.mutate('ACCEPT')} loading={decide.isPending && decide.variables === 'ACCEPT'}>
              {t('administration.requests.accept')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** R-PERM-6: requests on the Licensing IDs this Administrator administers; ?request=<id> opens the mailed one. */
export function PendingRequestsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('administration.requests.title'));
  const { request: mailed } = useSearch({ from: '/_app/administration/requests' });
  const navigate = useNavigate({ from: '/administration/requests' });
  const administered = useAdministered();
  const isAdmin = administered.ids.length > 0;
  const [status, setStatus] = useState<RequestFilter>('PENDING');
  const list = useQuery({ ...requestsQuery(false, status), enabled: isAdmin });
  // The mailed request may have been decided meanwhile: look it up among all.
  const all = useQuery({ ...requestsQuery(false, 'ALL'), enabled: isAdmin && Boolean(mailed) });
  const [open, setOpen] = useState<PermissionRequest>();
  const mailedRequest = all.data?.find((r) => r.id === mailed);

  useEffect(() => {
    if (mailedRequest?.status === 'PENDING') setOpen(mailedRequest);
  }, [mailedRequest]);

  const close = () => {
    setOpen(undefined);
    if (mailed) void navigate({ search: {}, replace: true });
  };
  const caption = t('administration.requests.tableCaption');

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('administration.requests.title')}</Title>
        <Text maw={720}>{t('administration.requests.intro')}</Text>
      </Stack>
      <AdministeredOnly administered={administered}>
        {mailed && all.isSuccess && !mailedRequest && (
          <Alert color="orange.9" variant="outline">
            {t('administration.requests.mailedMissing')}
          </Alert>
        )}
        {mailedRequest && mailedRequest.status !== 'PENDING' && (
          <Alert color="blue.9" variant="outline" role="status">
            {t('administration.requests.mailedDecided', {
              number: mailedRequest.number,
              status: t(`administration.requestStatus.${mailedRequest.status}`),
            })}
          </Alert>
        )}

        <NativeSelect
          label={t('administration.requests.show')}
          w={260}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as RequestFilter)}
          data={FILTERS.map((s) => ({ value: s, label: t(`administration.requests.filter.${s}`) }))}
        />
        {list.isPending && <Loading />}
        {list.isError && <ErrorAlert error={list.error} />}
        {list.isSuccess && list.data.length === 0 && (
          <Text>{status === 'PENDING' ? t('administration.requests.none') : t('administration.requests.noneFiltered')}</Text>
        )}
        {list.isSuccess && list.data.length > 0 && (
          <ScrollTable
            caption={caption}
            minWidth={900}
            columns={[
              t('administration.request.numberColumn'),
              t('administration.requests.requester'),
              t('administration.licensingId'),
              t('administration.roles'),
              t('administration.status'),
              t('administration.actions'),
            ]}
          >
            {list.data.map((r) => (
              <Table.Tr key={r.id} data-request={r.number} data-mailed={r.id === mailed ? 'true' : undefined}>
                <RowHeader title={r.number} detail={formatDateTime(r.createdAt, i18n.language)} />
                <Table.Td>
                  <Text size="sm">{personName(r.requester)}</Text>
                  <Text size="sm">{r.requester.email}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.licensingId.number}</Text>
                  {r.licensingId.name && <Text size="sm">{r.licensingId.name}</Text>}
                </Table.Td>
                <Table.Td>
                  <HoldingSummary holding={{ roles: r.roles, subRoles: r.subRoles, manageReservation: false }} />
                  {r.comment && <Text size="sm">{t('administration.requests.comment', { comment: r.comment })}</Text>}
                </Table.Td>
                <Table.Td>
                  <RequestStatusBadge status={r.status} />
                  {r.decisionNote && <Text size="sm">{r.decisionNote}</Text>}
                </Table.Td>
                <Table.Td>
                  {r.status === 'PENDING' ? (
                    <Button
                      size="xs"
                      onClick={() => setOpen(r)}
                      aria-label={t('common.labelFor', { label: t('administration.requests.review'), target: r.number })}
                    >
                      {t('administration.requests.review')}
                    </Button>
                  ) : (
                    r.decidedAt && <Text size="sm">{formatDateTime(r.decidedAt, i18n.language)}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </AdministeredOnly>
      {open && <DecisionDialog request={open} onClose={close} />}
    </Stack>
  );
}
