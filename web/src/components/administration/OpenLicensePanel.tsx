import { Alert, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  addOpenSettingQuery,
  administrationKey,
  denyReseller,
  type Reseller,
  resellersQuery,
  setAddOpenEnabled,
} from '../../api/administration';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { ScrollTable } from '../tables';
import { formatDateTime, personName } from './format';
import { HoldingSummary } from './HoldingSummary';

const RESELLER_STATUS_COLORS: Record<Reseller['status'], string> = { ACTIVE: 'teal.9', DENIED: 'red.9', INACTIVE: 'gray.7' };

/** R-PERM-10: the owner's switch for Add Open License on one Open License. */
function AddOpenSwitch({ licensingId, number }: { licensingId: string; number: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setting = useQuery(addOpenSettingQuery(licensingId));
  const change = useMutation({
    mutationFn: (enabled: boolean) => setAddOpenEnabled(licensingId, enabled),
    onSuccess: (data) => queryClient.setQueryData(addOpenSettingQuery(licensingId).queryKey, data),
  });
  if (setting.isPending) return <Loading />;
  if (setting.isError) return <ErrorAlert error={setting.error} />;
  const enabled = change.isPending ? !setting.data.addOpenEnabled : setting.data.addOpenEnabled;
  return (
    <Stack gap={6}>
      <Switch
        label={t('administration.openLicenses.switch', { number })}
        description={t('administration.openLicenses.switchHelp')}
        checked={enabled}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
      />
      <Text size="sm" role="status" data-add-open={setting.data.addOpenEnabled ? 'on' : 'off'}>
        {setting.data.addOpenEnabled ? t('administration.openLicenses.isOn') : t('administration.openLicenses.isOff')}
      </Text>
      {change.isError && <ErrorAlert error={change.error} />}
    </Stack>
  );
}

/** R-PERM-11: resellers given access automatically, with Deny Access for the active ones. */
function Resellers({ licensingId, number }: { licensingId: string; number: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const resellers = useQuery(resellersQuery(licensingId));
  const deny = useMutation({
    mutationFn: (userId: string) => denyReseller(licensingId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: administrationKey }),
  });
  const heading = t('administration.openLicenses.resellers', { number });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {heading}
      </Title>
      {deny.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.openLicenses.denied')}
        </Alert>
      )}
      {deny.isError && <ErrorAlert error={deny.error} />}
      {resellers.isPending && <Loading />}
      {resellers.isError && <ErrorAlert error={resellers.error} />}
      {resellers.isSuccess && resellers.data.length === 0 && <Text size="sm">{t('administration.openLicenses.noResellers')}</Text>}
      {resellers.isSuccess && resellers.data.length > 0 && (
        <ScrollTable
          caption={heading}
          minWidth={760}
          columns={[
            t('administration.users.name'),
            t('administration.openLicenses.organization'),
            t('administration.roles'),
            t('administration.status'),
            t('administration.openLicenses.grantedAt'),
            t('administration.actions'),
          ]}
        >
          {resellers.data.map((r) => (
            <Table.Tr key={r.userId} data-reseller={r.email}>
              <Table.Td>
                <Text size="sm">{personName(r)}</Text>
                <Text size="sm">{r.email}</Text>
              </Table.Td>
              <Table.Td>{r.organization}</Table.Td>
              <Table.Td>
                <HoldingSummary holding={{ roles: r.roles, subRoles: {}, manageReservation: false }} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={RESELLER_STATUS_COLORS[r.status]}>
                  {t(`administration.resellerStatus.${r.status}`)}
                </Text>
                {r.deniedAt && <Text size="sm">{formatDateTime(r.deniedAt, i18n.language)}</Text>}
              </Table.Td>
              <Table.Td>{formatDateTime(r.grantedAt, i18n.language)}</Table.Td>
              <Table.Td>
                {r.status === 'ACTIVE' ? (
                  <ConfirmButton
                    label={t('administration.openLicenses.deny')}
                    target={r.email}
                    title={t('administration.openLicenses.denyTitle', { email: r.email })}
                    question={t('administration.openLicenses.denyQuestion', { email: r.email, number })}
                    confirmLabel={t('administration.openLicenses.deny')}
                    loading={deny.isPending && deny.variables === r.userId}
                    onConfirm={() => deny.mutate(r.userId)}
                  />
                ) : (
                  <Text size="sm">{t('administration.openLicenses.noAction')}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}

/** Add Open License switch and resellers of one Open License the user administers. */
export function OpenLicensePanel({ licensingId, number, name }: { licensingId: string; number: string; name: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`open-${licensingId}`} data-open-license={number}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id={`open-${licensingId}`}>
            {t('administration.openLicenses.heading', { number, name })}
          </Title>
        </Group>
        <AddOpenSwitch licensingId={licensingId} number={number} />
        <Resellers licensingId={licensingId} number={number} />
      </Stack>
    </Paper>
  );
}
