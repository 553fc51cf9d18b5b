import { Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountDomainsQuery, addAccountDomain, removeAccountDomain } from '../../api/online-services';
import { formatDate } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { ScrollTable } from '../tables';

/**
 * R-OS-4: the domains verified on an enrollment's online services account. Verifying one sends the
 * services of any Online Services Manager on it to this account without an activation mail, so
 * adding asks first, as removing does.
 */
export function AccountDomains({ licensingId, account }: { licensingId: string; account: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const domains = useQuery(accountDomainsQuery(licensingId));
  const [domain, setDomain] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: accountDomainsQuery(licensingId).queryKey });
  const add = useMutation({
    mutationFn: () => addAccountDomain(licensingId, domain.trim()),
    onSuccess: async () => {
      setDomain('');
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (d: string) => removeAccountDomain(licensingId, d), onSuccess: refresh });
  const headingId = `domains-${licensingId}`;
  const columns = ['domain', 'verifiedAt', 'actions'].map((c) => t(`onlineServices.domains.columns.${c}`));
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid="account-domains">
      <Title order={3} size="h4" id={headingId}>
        {t('onlineServices.domains.title', { account })}
      </Title>
      <Text size="sm">{t('onlineServices.domains.intro')}</Text>
      {domains.isPending && <Loading />}
      {domains.isError && <ErrorAlert error={domains.error} />}
      {domains.isSuccess &&
        (domains.data.domains.length === 0 ? (
          <Text size="sm">{t('onlineServices.domains.empty')}</Text>
        ) : (
          <ScrollTable caption={t('onlineServices.domains.caption', { account })} columns={columns} minWidth={420}>
            {domains.data.domains.map((d) => (
              <Table.Tr key={d.domain} data-domain={d.domain}>
                <Table.Td>{d.domain}</Table.Td>
                <Table.Td>{formatDate(d.verifiedAt.slice(0, 10), i18n.language)}</Table.Td>
                <Table.Td>
                  <ConfirmButton
                    label={t('onlineServices.domains.remove')}
                    target={d.domain}
                    question={t('onlineServices.domains.removeQuestion', { domain: d.domain, account })}
                    confirmLabel={t('onlineServices.domains.remove')}
                    onConfirm={() => remove.mutate(d.domain)}
                    loading={remove.isPending && remove.variables === d.domain}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        ))}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('onlineServices.domains.field')}
          description={t('onlineServices.domains.fieldHelp')}
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          maw={360}
          w="100%"
        />
        <ConfirmButton
          label={t('onlineServices.domains.add')}
          question={t('onlineServices.domains.addQuestion', { domain: domain.trim(), account })}
          confirmLabel={t('onlineServices.domains.add')}
          destructive={false}
          size="sm"
          variant="filled"
          onConfirm={() => add.mutate()}
          loading={add.isPending}
        />
      </Group>
      {add.isError && <ErrorAlert error={add.error} />}
    </Stack>
  );
}
