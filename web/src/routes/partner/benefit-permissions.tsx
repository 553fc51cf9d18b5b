import { Alert, Button, Checkbox, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerDelegationsQuery, requestDelegation, withdrawDelegation } from '../../api/benefit-delegation';
import { partnerCustomerQuery, partnerCustomersQuery } from '../../api/partners';
import { DelegationTable } from '../../components/benefit-delegation/DelegationTable';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-SA-7: the partner picks a customer it serves and some of its Licensing IDs, and asks to manage their benefits. */
function RequestForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const customers = useInfiniteQuery(partnerCustomersQuery(''));
  const [customerId, setCustomerId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const customer = useQuery({ ...partnerCustomerQuery(customerId), enabled: customerId !== '' });
  const send = useMutation({
    mutationFn: () => requestDelegation(chosen),
    onSuccess: () => {
      setChosen([]);
      return queryClient.invalidateQueries({ queryKey: ['benefit-delegations'] });
    },
  });
  const rows = customers.data?.pages.flatMap((p) => p.items) ?? [];
  const licensingIds = customer.data?.agreements.flatMap((a) => a.licensingIds) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="delegation-request">
      <Stack gap="sm">
        <Title order={2} id="delegation-request">
          {t('benefitDelegation.partner.requestTitle')}
        </Title>
        {customers.isError && <ErrorAlert error={customers.error} />}
        <NativeSelect
          label={t('benefitDelegation.partner.customer')}
          value={customerId}
          maw={480}
          data={[{ value: '', label: t('benefitDelegation.partner.chooseCustomer') }, ...rows.map((c) => ({ value: c.id, label: c.name }))]}
          onChange={(e) => {
            setCustomerId(e.currentTarget.value);
            setChosen([]);
          }}
        />
        {customer.isPending && customerId !== '' && <Loading />}
        {customer.isError && <ErrorAlert error={customer.error} />}
        {licensingIds.length > 0 && (
          <Checkbox.Group label={t('benefitDelegation.partner.licensingIds')} value={chosen} onChange={setChosen}>
            <Stack gap="xs" mt="xs">
              {licensingIds.map((l) => (
                <Checkbox key={l.id} value={l.id} label={`${l.number} ${l.name}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {send.isError && <ErrorAlert error={send.error} />}
        {send.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            {t('benefitDelegation.partner.sent', { customer: send.data.customer.name })}
          </Alert>
        )}
        <Button w="fit-content" disabled={chosen.length === 0} loading={send.isPending} onClick={() => send.mutate()}>
          {t('benefitDelegation.partner.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-SA-7, the partner's side: ask, follow the answers, withdraw a pending request. */
export function PartnerBenefitPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('benefitDelegation.partner.title'));
  const queryClient = useQueryClient();
  const list = useQuery(partnerDelegationsQuery);
  const withdraw = useMutation({
    mutationFn: withdrawDelegation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['benefit-delegations'] }),
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('benefitDelegation.partner.title')}</Title>
      <AnchorLink to="/partner" search={{ q: '' }} w="fit-content">
        {t('benefitDelegation.partner.back')}
      </AnchorLink>
      <Text maw={760}>{t('benefitDelegation.partner.intro')}</Text>
      <RequestForm />
      <Title order={2}>{t('benefitDelegation.partner.listTitle')}</Title>
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyNotice
          title={t('benefitDelegation.partner.noneTitle')}
          description={t('benefitDelegation.partner.none')}
          data-state="empty"
        />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <DelegationTable
          items={list.data.items}
          who="customer"
          actions={(d) =>
            d.status === 'PENDING' ? (
              <ConfirmButton
                label={t('benefitDelegation.partner.withdraw')}
                target={`${d.customer.name}: ${d.licensingIds.map((l) => l.number).join(', ')}`}
                title={t('benefitDelegation.partner.withdrawTitle')}
                question={t('benefitDelegation.partner.withdrawQuestion', { customer: d.customer.name })}
                confirmLabel={t('benefitDelegation.partner.withdraw')}
                onConfirm={() => withdraw.mutate(d.id)}
                loading={withdraw.isPending && withdraw.variables === d.id}
              />
            ) : null
          }
        />
      )}
    </Stack>
  );
}
