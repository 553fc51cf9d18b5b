import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { myPermissionsQuery, removeMyPermission } from '../../api/administration';
import { ConfirmButton } from '../../components/administration/ConfirmButton';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-PERM-4: a user's roles per Licensing ID, and dropping a Licensing ID where the rules allow. */
export function MyPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.permissions.title'));
  const queryClient = useQueryClient();
  const permissions = useQuery(myPermissionsQuery);
  const remove = useMutation({
    mutationFn: removeMyPermission,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
  const sole = permissions.data?.filter((p) => p.soleAdministrator) ?? [];

  return (
    <Stack gap="lg">
      <Title order={1}>{t('administration.permissions.title')}</Title>
      <Text maw={720}>{t('administration.permissions.intro')}</Text>
      {sole.length > 0 && (
        <Alert color="dark" variant="outline" role="status" title={t('administration.permissions.soleTitle')}>
          {t('administration.permissions.sole', { numbers: sole.map((p) => p.licensingId.number).join(', ') })}
        </Alert>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {permissions.isPending && <Loading />}
      {permissions.isError && <ErrorAlert error={permissions.error} />}
      {permissions.isSuccess && permissions.data.length === 0 && <Text>{t('administration.permissions.empty')}</Text>}
      {permissions.isSuccess && permissions.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('administration.licensingId')}</Table.Th>
                <Table.Th scope="col">{t('administration.program')}</Table.Th>
                <Table.Th scope="col">{t('administration.roles')}</Table.Th>
                <Table.Th scope="col">{t('administration.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {permissions.data.map((p) => (
                <Table.Tr key={p.licensingId.id}>
                  <Table.Td>
                    {p.licensingId.number} · {p.licensingId.name}
                  </Table.Td>
                  <Table.Td>{t(`programs.${p.licensingId.programCode}`)}</Table.Td>
                  <Table.Td>
                    {p.roles.map((r) => (
                      <Badge key={r} variant="light" mr={4} color="dark">
                        {t(`roles.${r}`)}
                      </Badge>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    {p.removable ? (
                      <ConfirmButton
                        label={t('administration.permissions.remove', { number: p.licensingId.number })}
                        question={t('administration.permissions.removeQuestion', { number: p.licensingId.number })}
                        loading={remove.isPending}
                        onConfirm={() => remove.mutate(p.licensingId.id)}
                      />
                    ) : (
                      <Text size="sm">{t(`administration.permissions.reason.${p.reason ?? 'NONE'}`)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
