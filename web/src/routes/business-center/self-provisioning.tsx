import { Alert, Button, Checkbox, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cancelSelfProvisioning,
  plansQuery,
  requestSelfProvisioning,
  type SelfProvisioningRequest,
  selfProvisioningQuery,
} from '../../api/bc-orders';
import { BUSINESS_CENTER_KEY, purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { usePageTitle } from '../../lib/usePageTitle';

const MANAGE_ROLES = ['ACCOUNT_MANAGER', 'ACCOUNT_ADMINISTRATOR'];

/** R-BC-5: set up an online service (plan, agreement, seats, commitment) and follow each request's state; R-BC-6 price shown. */
export function SelfProvisioningPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcOrders.selfProvisioning.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/online-services' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const canManage = account?.roles.some((r) => MANAGE_ROLES.includes(r)) === true;
  const plans = useQuery(plansQuery(accountId));
  const requests = useQuery(selfProvisioningQuery(accountId));
  const queryClient = useQueryClient();
  const [productId, setProductId] = useState<string | null>(null);
  const [licensingId, setLicensingId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [commit, setCommit] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [BUSINESS_CENTER_KEY] });
  const submit = useMutation({
    mutationFn: () =>
      requestSelfProvisioning(accountId, {
        productId: productId ?? '',
        licensingId: licensingId ?? '',
        quantity: typeof quantity === 'number' ? quantity : Number(quantity),
        commitToOrder: commit,
      }),
    onSuccess: async () => {
      setCommit(false);
      await refresh();
    },
  });
  const cancel = useMutation({ mutationFn: (id: string) => cancelSelfProvisioning(accountId, id), onSuccess: refresh });
  const plan = plans.data?.plans.find((p) => p.productId === productId);
  const agreements = plan?.agreements ?? [];
  const price = agreements.find((a) => a.licensingId === licensingId);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('bcOrders.selfProvisioning.title')}</Title>
      <Text>{t('bcOrders.selfProvisioning.intro')}</Text>
      {!canManage && account && <Alert color="gray">{t('bcOrders.selfProvisioning.noManage')}</Alert>}
      {plans.isPending && <Loading />}
      {plans.isError && <ErrorAlert error={plans.error} />}
      {plans.isSuccess && plans.data.plans.length === 0 && (
        <EmptyNotice title={t('bcOrders.selfProvisioning.noPlansTitle')} description={t('bcOrders.selfProvisioning.noPlans')} />
      )}
      {canManage && plans.isSuccess && plans.data.plans.length > 0 && (
        <form onSubmit={onSubmit} aria-label={t('bcOrders.selfProvisioning.title')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('bcOrders.selfProvisioning.plan')}
                data={plans.data.plans.map((p) => ({ value: p.productId, label: p.name }))}
                value={productId}
                onChange={(v) => {
                  setProductId(v);
                  setLicensingId(plans.data.plans.find((p) => p.productId === v)?.agreements[0]?.licensingId ?? null);
                }}
                required
              />
              <Select
                label={t('bcOrders.selfProvisioning.agreement')}
                data={agreements.map((a) => ({ value: a.licensingId, label: a.number }))}
                value={licensingId}
                onChange={setLicensingId}
                required
              />
              <NumberInput
                label={t('bcOrders.selfProvisioning.quantity')}
                value={quantity}
                onChange={setQuantity}
                allowDecimal={false}
                required
              />
            </SimpleGrid>
            {plan && price && (
              <Text data-testid="seat-price">
                {t('bcOrders.selfProvisioning.price', {
                  price: price.unitPrice.toFixed(2),
                  today: plan.todaysPrice.toFixed(2),
                  currency: plan.currency,
                  anniversary: price.nextAnniversary,
                })}
              </Text>
            )}
            <Checkbox label={t('bcOrders.selfProvisioning.commit')} checked={commit} onChange={(e) => setCommit(e.currentTarget.checked)} />
            {submit.isError && <ErrorAlert error={submit.error} />}
            {submit.isSuccess && (
              <Alert color="green" role="status">
                {t('bcOrders.selfProvisioning.submitted')}
              </Alert>
            )}
            <Button type="submit" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('bcOrders.selfProvisioning.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Title order={3}>{t('bcOrders.selfProvisioning.requests')}</Title>
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      {requests.isError && <ErrorAlert error={requests.error} />}
      {requests.isSuccess && requests.data.items.length === 0 && (
        <EmptyNotice title={t('bcOrders.selfProvisioning.noRequestsTitle')} description={t('bcOrders.selfProvisioning.noRequests')} />
      )}
      {requests.isSuccess && requests.data.items.length > 0 && (
        <RequestsTable
          caption={t('bcOrders.selfProvisioning.requestsCaption', { number: account?.number ?? '' })}
          rows={requests.data.items}
          onCancel={canManage ? (id) => cancel.mutate(id) : undefined}
        />
      )}
    </Stack>
  );
}

/** The requests with their states; the partner's page shows the same table with the account. */
export function RequestsTable({
  caption,
  rows,
  onCancel,
  withAccount = false,
}: {
  caption: string;
  rows: readonly SelfProvisioningRequest[];
  onCancel?: ((id: string) => void) | undefined;
  withAccount?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <DataTable<SelfProvisioningRequest>
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      rowAttributes={(r) => ({ 'data-request': r.product.code, 'data-state': r.state })}
      minWidth={760}
      columns={[
        {
          key: 'product',
          header: t('bcOrders.selfProvisioning.columns.product'),
          rowHeader: true,
          cell: (r) => r.product.name,
          sort: (r) => r.product.name,
        },
        ...(withAccount
          ? [
              {
                key: 'account',
                header: t('bcOrders.partner.columns.account'),
                cell: (r: SelfProvisioningRequest) => `${r.purchasingAccount.name} (${r.purchasingAccount.number})`,
                sort: (r: SelfProvisioningRequest) => r.purchasingAccount.name,
              },
              {
                key: 'by',
                header: t('bcOrders.partner.columns.requestedBy'),
                cell: (r: SelfProvisioningRequest) => r.requestedBy,
                sort: (r: SelfProvisioningRequest) => r.requestedBy,
              },
            ]
          : []),
        {
          key: 'agreement',
          header: t('bcOrders.selfProvisioning.columns.agreement'),
          cell: (r) => r.licensingId.number,
          sort: (r) => r.licensingId.number,
        },
        {
          key: 'quantity',
          header: t('bcOrders.selfProvisioning.columns.quantity'),
          numeric: true,
          cell: (r) => r.quantity,
          sort: (r) => r.quantity,
        },
        {
          key: 'price',
          header: t('bcOrders.selfProvisioning.columns.price'),
          numeric: true,
          cell: (r) => `${r.unitPrice.toFixed(2)} ${r.currency}`,
          sort: (r) => r.unitPrice,
        },
        {
          key: 'state',
          header: t('bcOrders.selfProvisioning.columns.state'),
          cell: (r) => t(`bcOrders.selfProvisioning.states.${r.state}`),
          sort: (r) => r.state,
        },
        {
          key: 'requested',
          header: t('bcOrders.selfProvisioning.columns.requested'),
          cell: (r) => r.requestedAt.slice(0, 10),
          sort: (r) => r.requestedAt,
        },
        {
          key: 'order',
          header: t('bcOrders.selfProvisioning.columns.order'),
          cell: (r) =>
            r.orderNumber ??
            (onCancel && r.state === 'REQUESTED' ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => onCancel(r.id)}
                aria-label={t('bcOrders.selfProvisioning.cancelLabel', { product: r.product.name })}
              >
                {t('bcOrders.selfProvisioning.cancel')}
              </Button>
            ) : (
              ''
            )),
        },
      ]}
    />
  );
}
