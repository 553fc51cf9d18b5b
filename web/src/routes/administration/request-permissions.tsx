import { Alert, Button, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { administrationKey, createRequest, type ProgramCode, requestsQuery } from '../../api/administration';
import { formatDateTime } from '../../components/administration/format';
import { HoldingSummary } from '../../components/administration/HoldingSummary';
import {
  type AssignmentValue,
  assignmentProblem,
  EMPTY_ASSIGNMENT,
  RoleAssignment,
  toAssignment,
} from '../../components/administration/RoleAssignment';
import { RequestStatusBadge } from '../../components/administration/StatusBadges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { RowHeader, ScrollTable } from '../../components/tables';
import { PROGRAM_CODES } from '../../lib/programs';
import { usePageTitle } from '../../lib/usePageTitle';

interface FieldErrors {
  number?: string;
  authorizationNumber?: string;
  roles?: string;
}

/** R-PERM-6: the user's own requests, without the Administrators' names. */
function MyRequests() {
  const { t, i18n } = useTranslation();
  const mine = useQuery(requestsQuery(true));
  const caption = t('administration.request.mine');
  return (
    <Stack gap="sm" component="section" aria-labelledby="my-requests">
      <Title order={2} id="my-requests">
        {caption}
      </Title>
      {mine.isPending && <Loading />}
      {mine.isError && <ErrorAlert error={mine.error} />}
      {mine.isSuccess && mine.data.length === 0 && <Text>{t('administration.request.none')}</Text>}
      {mine.isSuccess && mine.data.length > 0 && (
        <ScrollTable
          caption={caption}
          minWidth={820}
          columns={[
            t('administration.request.numberColumn'),
            t('administration.licensingId'),
            t('administration.roles'),
            t('administration.status'),
            t('administration.request.note'),
          ]}
        >
          {mine.data.map((r) => (
            <Table.Tr key={r.id} data-request={r.number} data-status={r.status}>
              <RowHeader title={r.number} detail={formatDateTime(r.createdAt, i18n.language)} />
              <Table.Td>
                <Text size="sm">{r.licensingId.number}</Text>
                <Text size="sm">{t(`programs.${r.licensingId.programCode}`, { defaultValue: r.licensingId.programCode })}</Text>
              </Table.Td>
              <Table.Td>
                <HoldingSummary holding={{ roles: r.roles, subRoles: r.subRoles, manageReservation: false }} />
              </Table.Td>
              <Table.Td>
                <RequestStatusBadge status={r.status} />
                {r.decidedAt && <Text size="sm">{formatDateTime(r.decidedAt, i18n.language)}</Text>}
              </Table.Td>
              <Table.Td>{r.decisionNote ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}

/** R-PERM-6: ask the Administrators of record of a Licensing ID for roles; never see who they are. */
export function RequestPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.request.title'));
  const queryClient = useQueryClient();
  const [programCode, setProgramCode] = useState<ProgramCode>('ENTERPRISE');
  const [number, setNumber] = useState('');
  const [authorizationNumber, setAuthorizationNumber] = useState('');
  const [assignment, setAssignment] = useState<AssignmentValue>(EMPTY_ASSIGNMENT);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = programCode === 'OPEN_LICENSE';
  const submit = useMutation({
    mutationFn: () =>
      createRequest({
        programCode,
        number: number.trim(),
        authorizationNumber: open ? authorizationNumber.trim() : undefined,
        ...toAssignment(assignment, false),
        comment: comment.trim() || undefined,
      }),
    onSuccess: async () => {
      setNumber('');
      setAuthorizationNumber('');
      setAssignment(EMPTY_ASSIGNMENT);
      setComment('');
      await queryClient.invalidateQueries({ queryKey: [...administrationKey, 'permission-requests'] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const rolesProblem = assignmentProblem(assignment);
    const next: FieldErrors = {
      number: number.trim() ? undefined : t('administration.request.numberRequired'),
      authorizationNumber: !open || authorizationNumber.trim() ? undefined : t('administration.request.authorizationRequired'),
      roles: rolesProblem ? t(rolesProblem) : undefined,
    };
    setErrors(next);
    if (!next.number && !next.authorizationNumber && !next.roles) submit.mutate();
  };

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('administration.request.title')}</Title>
        <Text maw={720}>{t('administration.request.intro')}</Text>
        <Text maw={720} size="sm">
          {t('administration.request.openHint')}{' '}
          <AnchorLink to="/administration/add-open-license">{t('administration.addOpen.title')}</AnchorLink>
        </Text>
      </Stack>
      {submit.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.request.sent', { number: submit.data.number })}
        </Alert>
      )}
      {submit.isError && <ErrorAlert error={submit.error} />}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} aria-labelledby="request-form-heading">
        <Stack>
          <Title order={2} size="h3" id="request-form-heading">
            {t('administration.request.formHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: open ? 3 : 2 }}>
            <NativeSelect
              label={t('administration.program')}
              data={PROGRAM_CODES.map((p) => ({ value: p, label: t(`programs.${p}`) }))}
              value={programCode}
              onChange={(e) => setProgramCode(e.currentTarget.value as ProgramCode)}
            />
            <TextInput
              label={t('administration.request.number')}
              required
              value={number}
              maxLength={40}
              error={errors.number}
              onChange={(e) => setNumber(e.currentTarget.value)}
            />
            {open && (
              <TextInput
                label={t('administration.request.authorizationNumber')}
                required
                value={authorizationNumber}
                maxLength={40}
                error={errors.authorizationNumber}
                onChange={(e) => setAuthorizationNumber(e.currentTarget.value)}
              />
            )}
          </SimpleGrid>
          <RoleAssignment
            idPrefix="request"
            legend={t('administration.request.roles')}
            value={assignment}
            onChange={setAssignment}
            withReservation={false}
            error={errors.roles}
          />
          <Textarea
            label={t('administration.request.comment')}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button type="submit" loading={submit.isPending} w="fit-content">
            {t('administration.request.submit')}
          </Button>
        </Stack>
      </Paper>
      <MyRequests />
    </Stack>
  );
}
