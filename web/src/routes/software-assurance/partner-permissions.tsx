import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerDelegationsQuery, type Delegation, type DelegationStep, decideDelegation } from '../../api/benefit-delegation';
import { DelegationTable } from '../../components/benefit-delegation/DelegationTable';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * R-SA-7, the customer's side ("View and edit partner benefit permissions"): its Administrators
 * approve or deny a partner's pending request and remove an approved one; each step asks first.
 */
export function PartnerPermissionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('benefitDelegation.customer.title'));
  const queryClient = useQueryClient();
  const list = useQuery(customerDelegationsQuery);
  const decide = useMutation({
    mutationFn: ({ id, step }: { id: string; step: DelegationStep }) => decideDelegation(id, step),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['benefit-delegations'] }),
  });
  const button = (d: Delegation, step: DelegationStep) => {
    const params = { partner: d.partner.name, licensingIds: d.licensingIds.map((l) => l.number).join(', ') };
    return (
      <ConfirmButton
        key={step}
        label={t(`benefitDelegation.customer.${step}`)}
        target={`${d.partner.name}: ${params.licensingIds}`}
        title={t(`benefitDelegation.customer.${step}Title`)}
        question={t(`benefitDelegation.customer.${step}Question`, params)}
        confirmLabel={t(`benefitDelegation.customer.${step}`)}
        onConfirm={() => decide.mutate({ id: d.id, step })}
        loading={decide.isPending && decide.variables.id === d.id && decide.variables.step === step}
        destructive={step !== 'approve'}
      />
    );
  };
  return (
    <Stack gap="lg">
      <Title order={1}>{t('benefitDelegation.customer.title')}</Title>
      <AnchorLink to="/software-assurance" search={{ sort: 'organization', order: 'asc', page: 1 }} w="fit-content">
        {t('benefitDelegation.customer.back')}
      </AnchorLink>
      <Text maw={760}>{t('benefitDelegation.customer.intro')}</Text>
      {decide.isError && <ErrorAlert error={decide.error} />}
      {decide.isSuccess && decide.data.status !== 'PENDING' && decide.data.status !== 'WITHDRAWN' && (
        <Alert color="green" variant="outline" role="status">
          {t(`benefitDelegation.customer.done.${decide.data.status}`, { partner: decide.data.partner.name })}
        </Alert>
      )}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyNotice
          title={t('benefitDelegation.customer.noneTitle')}
          description={t('benefitDelegation.customer.none')}
          data-state="empty"
        />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <DelegationTable
          items={list.data.items}
          who="partner"
          actions={(d) =>
            d.status === 'PENDING' ? [button(d, 'approve'), button(d, 'deny')] : d.status === 'APPROVED' ? button(d, 'remove') : null
          }
        />
      )}
    </Stack>
  );
}
