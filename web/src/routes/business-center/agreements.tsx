import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENTS_KEY,
  type Agreement,
  type AgreementFilters,
  accountAgreementsQuery,
  editAccountProfile,
  setAnniversaryMonth,
} from '../../api/bc-agreements';
import { BUSINESS_CENTER_KEY, type PurchasingAccount, purchasingAccountsQuery } from '../../api/business-center';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { searchText } from '../../lib/searchParams';
import { usePageTitle } from '../../lib/usePageTitle';

const PAGE_SIZE = 25;
const STATUSES = ['ACTIVE', 'INACTIVE', 'EXPIRED'] as const;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** R-BC-3: the filters, kept in the address so a filtered list can be shared and survives a reload. */
export type AgreementSearch = {
  accountName?: string;
  accountNumber?: string;
  agreementNumber?: string;
  startFrom?: string;
  startTo?: string;
  status?: (typeof STATUSES)[number];
  location?: string;
  offset?: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: unknown) => {
  const s = searchText(v, 10);
  return s && DAY.test(s) ? s : undefined;
};

export function validateAgreementSearch(search: Record<string, unknown>): AgreementSearch {
  const status = STATUSES.find((s) => s === search.status);
  const offset = Number(search.offset);
  return {
    accountName: searchText(search.accountName, 200),
    accountNumber: searchText(search.accountNumber, 50),
    agreementNumber: searchText(search.agreementNumber, 50),
    startFrom: day(search.startFrom),
    startTo: day(search.startTo),
    status,
    location: searchText(search.location, 100),
    offset: Number.isInteger(offset) && offset > 0 ? offset : undefined,
  };
}

const canManage = (a: PurchasingAccount) => a.roles.some((r) => r === 'ACCOUNT_MANAGER' || r === 'ACCOUNT_ADMINISTRATOR');

const monthName = (month: number, lang: string) =>
  new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' });

function Filters({ search }: { search: AgreementSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/business-center/$accountId/agreements' });
  const [draft, setDraft] = useState<AgreementSearch>(search);
  const field = (key: Exclude<keyof AgreementSearch, 'offset' | 'status'>, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      value={draft[key] ?? ''}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [key]: value || undefined }));
      }}
    />
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '.', search: { ...draft, offset: undefined } });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={apply} aria-labelledby="agreement-filters">
      <Stack gap="sm">
        <Title order={2} size="h4" id="agreement-filters">
          {t('bcAgreements.agreements.filters')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          {field('accountName', t('bcAgreements.agreements.accountName'))}
          {field('accountNumber', t('bcAgreements.agreements.accountNumber'))}
          {field('agreementNumber', t('bcAgreements.agreements.agreementNumber'))}
          {field('location', t('bcAgreements.agreements.location'))}
          {field('startFrom', t('bcAgreements.agreements.startFrom'), 'date')}
          {field('startTo', t('bcAgreements.agreements.startTo'), 'date')}
          <NativeSelect
            label={t('bcAgreements.agreements.status')}
            value={draft.status ?? ''}
            data={[
              { value: '', label: t('bcAgreements.agreements.anyStatus') },
              ...STATUSES.map((s) => ({ value: s, label: t(`bcAgreements.agreementStatus.${s}`) })),
            ]}
            onChange={(e) => {
              const value = STATUSES.find((s) => s === e.currentTarget.value);
              setDraft((d) => ({ ...d, status: value }));
            }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit">{t('bcAgreements.agreements.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft({});
              void navigate({ to: '.', search: {} });
            }}
          >
            {t('bcAgreements.agreements.clear')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AnniversaryEditor({ accountId, agreement }: { accountId: string; agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(agreement.anniversaryMonth ?? 1);
  const save = useMutation({
    mutationFn: () => setAnniversaryMonth(accountId, agreement.id, month),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [AGREEMENTS_KEY] }),
  });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <NativeSelect
          aria-label={t('bcAgreements.agreements.monthFor', { number: agreement.number })}
          size="xs"
          value={String(month)}
          data={MONTHS.map((m) => ({ value: String(m), label: monthName(m, i18n.language) }))}
          onChange={(e) => setMonth(Number(e.currentTarget.value))}
        />
        <ConfirmButton
          label={t('bcAgreements.agreements.save')}
          target={agreement.number}
          title={t('bcAgreements.agreements.saveMonthTitle')}
          question={t('bcAgreements.agreements.saveMonthQuestion', { number: agreement.number, month: monthName(month, i18n.language) })}
          confirmLabel={t('bcAgreements.agreements.save')}
          destructive={false}
          loading={save.isPending}
          onConfirm={() => save.mutate()}
        />
      </Group>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Text size="xs" role="status">
          {t('bcAgreements.agreements.monthSaved')}
        </Text>
      )}
    </Stack>
  );
}

function ProfileForm({ account }: { account: PurchasingAccount }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    line1: account.address.line1,
    line2: account.address.line2 ?? '',
    postalCode: account.address.postalCode,
    city: account.address.city,
    country: account.address.country,
    contactName: account.contact.name,
    contactEmail: account.contact.email,
  });
  const save = useMutation({
    mutationFn: () =>
      editAccountProfile(account.id, {
        address: {
          line1: form.line1,
          line2: form.line2 || null,
          postalCode: form.postalCode,
          city: form.city,
          country: form.country.toUpperCase(),
        },
        contact: { name: form.contactName, email: form.contactEmail },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [BUSINESS_CENTER_KEY] }),
  });
  const input = (key: keyof typeof form, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      required={key !== 'line2'}
      value={form[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
    />
  );
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-labelledby="account-profile"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="account-profile">
          {t('bcAgreements.profile.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('line1', t('bcAgreements.profile.line1'))}
          {input('line2', t('bcAgreements.profile.line2'))}
          {input('postalCode', t('bcAgreements.profile.postalCode'))}
          {input('city', t('bcAgreements.profile.city'))}
          {input('country', t('bcAgreements.profile.country'))}
          {input('contactName', t('bcAgreements.profile.contactName'))}
          {input('contactEmail', t('bcAgreements.profile.contactEmail'), 'email')}
        </SimpleGrid>
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            {t('bcAgreements.profile.saved')}
          </Alert>
        )}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('bcAgreements.profile.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-BC-3: the chosen account's agreements, filtered (in the address) and paged; edits for those who manage the account. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('bcAgreements.agreements.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/agreements' });
  const search = useSearch({ from: '/_app/business-center/$accountId/agreements' });
  const navigate = useNavigate({ from: '/business-center/$accountId/agreements' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const offset = search.offset ?? 0;
  const query: AgreementFilters = { ...search, offset, limit: PAGE_SIZE };
  const list = useQuery(accountAgreementsQuery(accountId, query));
  if (!account) return null;
  const manage = canManage(account);
  const total = list.data?.total ?? 0;
  return (
    <Stack gap="lg">
      <Title order={2}>{t('bcAgreements.agreements.title')}</Title>
      <Text maw={760}>{t('bcAgreements.agreements.intro')}</Text>
      <Filters key={JSON.stringify(search)} search={search} />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyNotice title={t('bcAgreements.agreements.noneTitle')} description={t('bcAgreements.agreements.none')} data-state="empty" />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <>
          <DataTable<Agreement>
            caption={t('bcAgreements.agreements.caption', { number: account.number, total })}
            rows={list.data.items}
            rowKey={(a) => a.id}
            rowAttributes={(a) => ({ 'data-agreement': a.number })}
            pageSize={PAGE_SIZE}
            minWidth={760}
            columns={[
              {
                key: 'number',
                header: t('bcAgreements.agreements.columns.number'),
                rowHeader: true,
                cell: (a) => a.number,
                sort: (a) => a.number,
              },
              {
                key: 'account',
                header: t('bcAgreements.agreements.columns.account'),
                cell: (a) => `${a.account.name} (${a.account.number})`,
              },
              { key: 'program', header: t('bcAgreements.agreements.columns.program'), cell: (a) => t(`programs.${a.programCode}`) },
              {
                key: 'status',
                header: t('bcAgreements.agreements.columns.status'),
                cell: (a) => t(`bcAgreements.agreementStatus.${a.status}`),
              },
              {
                key: 'start',
                header: t('bcAgreements.agreements.columns.startDate'),
                cell: (a) => a.startDate ?? '',
                sort: (a) => a.startDate ?? '',
              },
              {
                key: 'location',
                header: t('bcAgreements.agreements.columns.location'),
                cell: (a) => `${a.account.city}, ${a.account.country}`,
              },
              {
                key: 'anniversary',
                header: t('bcAgreements.agreements.columns.anniversary'),
                cell: (a) =>
                  manage && a.status === 'ACTIVE' ? (
                    <AnniversaryEditor accountId={accountId} agreement={a} />
                  ) : a.anniversaryMonth ? (
                    monthName(a.anniversaryMonth, i18n.language)
                  ) : (
                    t('bcAgreements.agreements.notSet')
                  ),
              },
            ]}
          />
          {total > PAGE_SIZE && (
            <Group>
              <Text size="sm">
                {t('bcAgreements.agreements.pageOf', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}
              </Text>
              <Button
                variant="default"
                size="xs"
                disabled={offset === 0}
                onClick={() => navigate({ to: '.', search: { ...search, offset: Math.max(0, offset - PAGE_SIZE) || undefined } })}
              >
                {t('bcAgreements.agreements.previous')}
              </Button>
              <Button
                variant="default"
                size="xs"
                disabled={offset + PAGE_SIZE >= total}
                onClick={() => navigate({ to: '.', search: { ...search, offset: offset + PAGE_SIZE } })}
              >
                {t('bcAgreements.agreements.next')}
              </Button>
            </Group>
          )}
        </>
      )}
      {manage ? <ProfileForm key={account.id} account={account} /> : <Text c="dimmed">{t('bcAgreements.profile.readOnly')}</Text>}
    </Stack>
  );
}
