import { Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { SECTIONS } from './sections';

/**
 * R-BC-1: the chosen purchasing account is in the address (/business-center/<account>/…), so every
 * section below lists that account's records, and switching keeps the section while the lists follow.
 */
export function BusinessCenterLayout() {
  const { t } = useTranslation();
  const { accountId } = useParams({ from: '/_app/business-center/$accountId' });
  const location = useLocation();
  const navigate = useNavigate();
  const accounts = useQuery(purchasingAccountsQuery());
  if (accounts.isPending) return <Loading />;
  if (accounts.isError) return <ErrorAlert error={accounts.error} />;
  const account = accounts.data.accounts.find((a) => a.id === accountId);
  if (!account)
    return <EmptyNotice title={t('businessCenter.unknownTitle')} description={t('businessCenter.unknown')} data-state="unknown-account" />;
  const switchTo = (id: string) => navigate({ to: location.pathname.replace(accountId, id), search: true });
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{account.name}</Title>
          <Text c="dimmed">{t('businessCenter.accountNumber', { number: account.number })}</Text>
        </div>
        {accounts.data.accounts.length > 1 && (
          <NativeSelect
            label={t('businessCenter.switch')}
            value={accountId}
            onChange={(e) => switchTo(e.currentTarget.value)}
            data={accounts.data.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.number})` }))}
            data-testid="account-switch"
          />
        )}
      </Group>
      <nav aria-label={t('businessCenter.sectionsLabel')}>
        <Group gap="md" wrap="wrap">
          {SECTIONS.filter((s) => !s.roles || s.roles.some((r) => account.roles.includes(r))).map((s) => (
            <AnchorLink
              key={s.labelKey}
              // Every section is a child of the account's route, so each takes the account's id.
              to={s.to as '/business-center/$accountId'}
              params={{ accountId }}
              activeOptions={{ exact: true }}
              activeProps={{ 'aria-current': 'page', fw: 700 }}
            >
              {t(s.labelKey)}
            </AnchorLink>
          ))}
        </Group>
      </nav>
      <Outlet />
    </Stack>
  );
}
