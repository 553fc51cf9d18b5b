import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type SubscriptionProduct, subscriptionProductsQuery } from '../../api/subscriptions';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { AssignForm } from '../../components/subscriptions/AssignForm';
import { Assignments } from '../../components/subscriptions/Assignments';
import { usePageTitle } from '../../lib/usePageTitle';

const PATH = '/_app/online-services/subscriptions/$licensingId';

/** R-PERM-2: a Licensing ID's subscription products (purchased, assigned, remaining); the chosen one's form and people below. */
export function SubscriptionsLicensingIdPage() {
  const { t } = useTranslation();
  usePageTitle(t('subscriptions.detail.title'));
  const { licensingId } = useParams({ from: PATH });
  const { product: chosen } = useSearch({ from: PATH });
  const navigate = useNavigate({ from: '/online-services/subscriptions/$licensingId' });
  const products = useQuery(subscriptionProductsQuery(licensingId));
  const forbidden = products.error instanceof ApiError && (products.error.code === 'FORBIDDEN' || products.error.code === 'NOT_FOUND');
  const data = products.data;
  const list = data?.products ?? [];
  const product = list.find((p) => p.productId === chosen) ?? (list.length === 1 ? list[0] : undefined);
  return (
    <Stack gap="lg">
      <AnchorLink to="/online-services/subscriptions" w="fit-content">
        {t('subscriptions.detail.back')}
      </AnchorLink>
      <Title order={1}>
        {data ? t('subscriptions.detail.heading', { number: data.licensingId.number }) : t('subscriptions.detail.title')}
      </Title>
      {products.isPending && <Loading />}
      {forbidden && <NoAccess title={t('subscriptions.detail.noAccessTitle')} description={t('subscriptions.detail.noAccess')} />}
      {products.isError && !forbidden && <ErrorAlert error={products.error} />}
      {data && (
        <>
          <Text maw={760}>
            {t('subscriptions.detail.intro', { name: data.licensingId.name ?? '', organization: data.licensingId.organization })}
          </Text>
          {list.length === 0 ? (
            <EmptyNotice title={t('subscriptions.detail.emptyTitle')} description={t('subscriptions.detail.empty')} data-testid="empty" />
          ) : (
            <DataTable<SubscriptionProduct>
              caption={t('subscriptions.detail.caption', { number: data.licensingId.number })}
              rows={list}
              rowKey={(p) => p.productId}
              rowAttributes={(p) => ({ 'data-product': p.productCode })}
              minWidth={640}
              columns={[
                {
                  key: 'product',
                  header: t('subscriptions.columns.product'),
                  rowHeader: true,
                  cell: (p) => p.productName,
                  sort: (p) => p.productName,
                },
                {
                  key: 'purchased',
                  header: t('subscriptions.columns.purchased'),
                  numeric: true,
                  cell: (p) => p.purchased,
                  sort: (p) => p.purchased,
                },
                {
                  key: 'assigned',
                  header: t('subscriptions.columns.assigned'),
                  numeric: true,
                  cell: (p) => p.assigned,
                  sort: (p) => p.assigned,
                },
                {
                  key: 'remaining',
                  header: t('subscriptions.columns.remaining'),
                  numeric: true,
                  cell: (p) => p.remaining,
                  sort: (p) => p.remaining,
                },
                {
                  key: 'action',
                  header: t('subscriptions.columns.action'),
                  cell: (p) => (
                    <Button
                      size="xs"
                      variant={p.productId === product?.productId ? 'filled' : 'outline'}
                      aria-pressed={p.productId === product?.productId}
                      aria-label={t('common.labelFor', { label: t('subscriptions.detail.select'), target: p.productName })}
                      onClick={() => navigate({ search: { product: p.productId }, replace: true })}
                    >
                      {t(p.productId === product?.productId ? 'subscriptions.detail.selected' : 'subscriptions.detail.select')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
          {product && (
            <>
              <AssignForm key={`assign-${product.productId}`} licensingId={licensingId} product={product} />
              <Assignments key={`list-${product.productId}`} licensingId={licensingId} product={product} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
