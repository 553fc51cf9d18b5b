import { Alert, Badge, Button, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRequest, requestsQuery } from '../../api/administration';
import type { Role } from '../../api/types';
import { Loading } from '../../components/administration/Loading';
import { RoleCheckboxes } from '../../components/administration/RoleCheckboxes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

const PROGRAMS = [
  'ENTERPRISE',
  'ENTERPRISE_SUBSCRIPTION',
  'SELECT',
  'SELECT_PLUS',
  'CAMPUS',
  'SCHOOL',
  'OPEN_LICENSE',
  'OPEN_VALUE',
  'OPEN_VALUE_SUBSCRIPTION',
];

/** R-PERM-6: ask the Administrators of record of a Licensing ID for roles; never see who they are. */
export function RequestPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.request.title'));
  const queryClient = useQueryClient();
  const mine = useQuery(requestsQuery(true));
  const [programCode, setProgramCode] = useState('ENTERPRISE');
  const [number, setNumber] = useState('');
  const [authorizationNumber, setAuthorizationNumber] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [comment, setComment] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ number?: string; roles?: string }>({});
  const submit = useMutation({
    mutationFn: () =>
      createRequest({
        programCode,
        number: number.trim(),
        authorizationNumber: programCode === 'OPEN_LICENSE' ? authorizationNumber.trim() : undefined,
        roles,
        comment: comment.trim() || undefined,
      }),
    onSuccess: async () => {
      setNumber('');
      setRoles([]);
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['permission-requests'] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      number: number.trim() ? undefined : t('administration.request.numberRequired'),
      roles: roles.length ? undefined : t('administration.request.rolesRequired'),
    };
    setFieldErrors(next);
    if (!next.number && !next.roles) submit.mutate();
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('administration.request.title')}</Title>
      <Text maw={720}>{t('administration.request.intro')}</Text>
      {submit.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.request.sent', { number: submit.data.number })}
        </Alert>
      )}
      {submit.isError && <ErrorAlert error={submit.error} />}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
        <Stack>
          <NativeSelect
            label={t('administration.program')}
            data={PROGRAMS.map((p) => ({ value: p, label: t(`programs.${p}`) }))}
            value={programCode}
            onChange={(e) => setProgramCode(e.currentTarget.value)}
          />
          <TextInput
            label={t('administration.request.number')}
            required
            value={number}
            error={fieldErrors.number}
            onChange={(e) => setNumber(e.currentTarget.value)}
          />
          {programCode === 'OPEN_LICENSE' && (
            <TextInput
              label={t('administration.request.authorizationNumber')}
              value={authorizationNumber}
              onChange={(e) => setAuthorizationNumber(e.currentTarget.value)}
            />
          )}
          <RoleCheckboxes label={t('administration.roles')} value={roles} onChange={setRoles} />
          {fieldErrors.roles && (
            <Text c="red.9" size="sm" role="alert">
              {fieldErrors.roles}
            </Text>
          )}
          <Textarea label={t('administration.request.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Button type="submit" loading={submit.isPending}>
            {t('administration.request.submit')}
          </Button>
        </Stack>
      </Paper>
      <Title order={2}>{t('administration.request.mine')}</Title>
      {mine.isPending && <Loading />}
      {mine.isError && <ErrorAlert error={mine.error} />}
      {mine.isSuccess && mine.data.items.length === 0 && <Text>{t('administration.request.none')}</Text>}
      {mine.isSuccess && mine.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('administration.request.numberColumn')}</Table.Th>
                <Table.Th scope="col">{t('administration.licensingId')}</Table.Th>
                <Table.Th scope="col">{t('administration.roles')}</Table.Th>
                <Table.Th scope="col">{t('administration.status')}</Table.Th>
                <Table.Th scope="col">{t('administration.request.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.number}</Table.Td>
                  <Table.Td>{r.licensingId.number}</Table.Td>
                  <Table.Td>{r.roles.map((role) => t(`roles.${role}`)).join(', ')}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="dark">
                      {t(`administration.requestStatus.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.decisionNote ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
