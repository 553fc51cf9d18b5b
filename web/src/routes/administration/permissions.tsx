import { Alert, Box, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chooseInheritance,
  type Inheritance,
  inheritanceQuery,
  type MyPermission,
  myPermissionsQuery,
  refreshAfterRoleChange,
  removeMyPermission,
} from '../../api/administration';
import { formatDateTime } from '../../components/administration/format';
import { HoldingSummary } from '../../components/administration/HoldingSummary';
import { SoleAdministratorWarning } from '../../components/administration/SoleAdministratorWarning';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { StatusBadge } from '../../components/StatusBadge';
import { RowHeader, ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** Parent agreement and MBSA of a Licensing ID, as short text. */
function Lineage({ p }: { p: MyPermission }) {
  const { t } = useTranslation();
  if (!p.parent && !p.mbsa) return <Text size="sm">{t('administration.permissions.noParent')}</Text>;
  return (
    <Stack gap={0}>
      {p.parent && <Text size="sm">{t('administration.permissions.parent', { number: p.parent.number })}</Text>}
      {p.mbsa && <Text size="sm">{t('administration.permissions.mbsa', { number: p.mbsa.number })}</Text>}
    </Stack>
  );
}

/** R-PERM-4: every Licensing ID the user holds a role on; removal where the rules allow, final until re-requested. */
function PermissionsTable() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'active' | 'all'>('active');
  const permissions = useQuery(myPermissionsQuery(status));
  const remove = useMutation({
    mutationFn: (p: MyPermission) => removeMyPermission(p.id),
    onSuccess: () => refreshAfterRoleChange(queryClient),
  });
  const caption = t('administration.permissions.tableCaption');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('administration.permissions.heading')}</Title>
        <Box>
          <Text size="sm" fw={500} id="permissions-status-label" mb={4}>
            {t('administration.permissions.show')}
          </Text>
          <SegmentedControl
            aria-labelledby="permissions-status-label"
            value={status}
            onChange={(v) => setStatus(v === 'all' ? 'all' : 'active')}
            data={[
              { value: 'active', label: t('administration.permissions.showActive') },
              { value: 'all', label: t('administration.permissions.showAll') },
            ]}
          />
        </Box>
      </Group>
      {remove.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('administration.permissions.removed', { number: remove.variables.number })}
        </Alert>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {permissions.isPending && <Loading />}
      {permissions.isError && <ErrorAlert error={permissions.error} />}
      {permissions.isSuccess && <SoleAdministratorWarning items={permissions.data} data-warning="sole-administrator" />}
      {permissions.isSuccess && permissions.data.length === 0 && (
        <Text>
          {t('administration.permissions.empty')}{' '}
          <AnchorLink to="/administration/request-permissions">{t('administration.request.title')}</AnchorLink>
        </Text>
      )}
      {permissions.isSuccess && permissions.data.length > 0 && (
        <ScrollTable
          caption={caption}
          minWidth={900}
          columns={[
            t('administration.licensingId'),
            t('administration.program'),
            t('administration.permissions.agreements'),
            { label: t('administration.status'), minWidth: 110 },
            t('administration.roles'),
            t('administration.actions'),
          ]}
        >
          {permissions.data.map((p) => (
            <Table.Tr key={p.id} data-licensing-id={p.number}>
              <RowHeader title={p.number} detail={p.name} />
              <Table.Td>{t(`programs.${p.programCode}`, { defaultValue: p.programName })}</Table.Td>
              <Table.Td>
                <Lineage p={p} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td>
                <HoldingSummary holding={p} />
              </Table.Td>
              <Table.Td>
                {p.removable ? (
                  <ConfirmButton
                    label={t('administration.permissions.remove')}
                    target={p.number}
                    title={t('administration.permissions.removeTitle', { number: p.number })}
                    question={t('administration.permissions.removeQuestion', { number: p.number, name: p.name })}
                    confirmLabel={t('administration.permissions.removeConfirm')}
                    loading={remove.isPending && remove.variables?.id === p.id}
                    onConfirm={() => remove.mutate(p)}
                  />
                ) : (
                  <Text size="sm" data-reason={p.reason ?? 'NONE'}>
                    {t(`administration.permissions.reason.${p.reason ?? 'NONE'}`)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}

/** R-PERM-5: the MBSAs and parent agreements whose contact the user is; opt in to or out of Administrator of their children. */
function InheritanceSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const inheritance = useQuery(inheritanceQuery);
  const choose = useMutation({
    mutationFn: (i: { item: Inheritance; optedIn: boolean }) => chooseInheritance(i.item.agreement.id, i.optedIn),
    onSuccess: () => refreshAfterRoleChange(queryClient),
  });
  const caption = t('administration.inheritance.title');
  const programOf = (i: Inheritance) => (i.agreement.programCode ? t(`programs.${i.agreement.programCode}`) : '');
  const kind = (i: Inheritance) =>
    i.agreement.kind === 'MBSA' ? t('programs.MBSA') : t('administration.inheritance.parent', { program: programOf(i) });
  return (
    <Stack gap="md" component="section" aria-labelledby="inheritance-heading">
      <Title order={2} id="inheritance-heading">
        {caption}
      </Title>
      <Text maw={760}>{t('administration.inheritance.intro')}</Text>
      {choose.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t(choose.data.optedIn ? 'administration.inheritance.optedInDone' : 'administration.inheritance.optedOutDone', {
            number: choose.data.agreement.number,
          })}
        </Alert>
      )}
      {choose.isError && <ErrorAlert error={choose.error} />}
      {inheritance.isPending && <Loading />}
      {inheritance.isError && <ErrorAlert error={inheritance.error} />}
      {inheritance.isSuccess && inheritance.data.length === 0 && <Text>{t('administration.inheritance.none')}</Text>}
      {inheritance.isSuccess && inheritance.data.length > 0 && (
        <ScrollTable
          caption={caption}
          minWidth={820}
          columns={[
            t('administration.inheritance.agreement'),
            t('administration.inheritance.contact'),
            t('administration.inheritance.children'),
            t('administration.inheritance.administrator'),
            t('administration.actions'),
          ]}
        >
          {inheritance.data.map((i) => (
            <Table.Tr key={i.agreement.id} data-agreement={i.agreement.number}>
              <RowHeader title={i.agreement.number} detail={kind(i)} />
              <Table.Td>{i.contactTypes.map((c) => t(`administration.inheritance.contactType.${c}`)).join(', ')}</Table.Td>
              <Table.Td>{t('administration.inheritance.childCount', { count: i.childLicensingIds })}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {i.optedIn ? t('administration.inheritance.in') : t('administration.inheritance.out')}
                </Text>
                {i.decidedAt && (
                  <Text size="sm">{t('administration.inheritance.decidedAt', { date: formatDateTime(i.decidedAt, i18n.language) })}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <ConfirmButton
                  destructive={i.optedIn}
                  label={i.optedIn ? t('administration.inheritance.optOut') : t('administration.inheritance.optIn')}
                  target={i.agreement.number}
                  title={t(i.optedIn ? 'administration.inheritance.optOutTitle' : 'administration.inheritance.optInTitle', {
                    number: i.agreement.number,
                  })}
                  question={t(i.optedIn ? 'administration.inheritance.optOutQuestion' : 'administration.inheritance.optInQuestion', {
                    number: i.agreement.number,
                    count: i.childLicensingIds,
                  })}
                  confirmLabel={i.optedIn ? t('administration.inheritance.optOut') : t('administration.inheritance.optIn')}
                  loading={choose.isPending && choose.variables?.item.agreement.id === i.agreement.id}
                  onConfirm={() => choose.mutate({ item: i, optedIn: !i.optedIn })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}

export function MyPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.permissions.title'));
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('administration.permissions.title')}</Title>
        <Text maw={760}>{t('administration.permissions.intro')}</Text>
      </Stack>
      <PermissionsTable />
      <InheritanceSection />
    </Stack>
  );
}
