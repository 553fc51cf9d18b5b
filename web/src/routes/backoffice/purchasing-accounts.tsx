import { Alert, Button, Checkbox, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersQuery } from '../../api/backoffice';
import {
  type BackOfficeAccountDetail,
  backOfficeAccountQuery,
  backOfficeAccountsQuery,
  channelPartnersQuery,
  createPurchasingAccount,
  PURCHASING_ACCOUNTS_KEY,
  setAccountLicensingIds,
  updatePurchasingAccount,
} from '../../api/purchasing-accounts-backoffice';
import { EmailField } from '../../components/EmailField';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { SectionPanel } from '../../components/SectionPanel';
import { CaptionedTable } from '../../components/tables';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';
import { appRoute } from '../base';

type Details = {
  name: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
  contactName: string;
  contactEmail: string;
};
const NO_DETAILS: Details = { name: '', line1: '', line2: '', postalCode: '', city: '', country: '', contactName: '', contactEmail: '' };

/** The account's name, address and contact, as one set of fields (shared by opening and correcting). */
function DetailFields({
  value,
  onChange,
  errors,
}: {
  value: Details;
  onChange: (d: Details) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const field = (key: keyof Details, max: number, required = true) => (
    <TextInput
      key={key}
      label={t(`bcBackoffice.form.${key}`)}
      required={required}
      maxLength={max}
      value={value[key]}
      error={errors[key]}
      onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value })}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {field('name', 200)}
      {field('line1', 200)}
      {field('line2', 200, false)}
      {field('postalCode', 20)}
      {field('city', 100)}
      {field('country', 2)}
      {field('contactName', 200)}
      <EmailField
        label={t('bcBackoffice.form.contactEmail')}
        description={t('bcBackoffice.form.contactEmailHelp')}
        autoComplete="off"
        value={value.contactEmail}
        error={errors.contactEmail}
        onChange={(contactEmail) => onChange({ ...value, contactEmail })}
      />
    </SimpleGrid>
  );
}

function useDetailsCheck() {
  const { t } = useTranslation();
  const required = t('bcBackoffice.form.required');
  return (d: Details) => ({
    name: d.name.trim() ? undefined : required,
    line1: d.line1.trim() ? undefined : required,
    postalCode: d.postalCode.trim() ? undefined : required,
    city: d.city.trim() ? undefined : required,
    country: /^[A-Za-z]{2}$/.test(d.country.trim()) ? undefined : t('bcBackoffice.form.countryInvalid'),
    contactName: d.contactName.trim() ? undefined : required,
    contactEmail: emailProblem(d.contactEmail.trim(), { required, invalid: t('bcBackoffice.form.emailInvalid') }),
  });
}

const bodyOf = (d: Details) => ({
  name: d.name.trim(),
  address: {
    line1: d.line1.trim(),
    line2: d.line2.trim() || null,
    postalCode: d.postalCode.trim(),
    city: d.city.trim(),
    country: d.country.trim().toUpperCase(),
  },
  contact: { name: d.contactName.trim(), email: d.contactEmail.trim() },
});

function PartnerSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const partners = useQuery(channelPartnersQuery);
  return (
    <NativeSelect
      label={t('bcBackoffice.form.partner')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('bcBackoffice.form.noPartner') },
        ...(partners.data?.partners ?? []).map((p) => ({ value: p.id, label: p.name })),
      ]}
    />
  );
}

/** The operator opens a purchasing account for a customer organization with its first Account administrator. */
function OpenAccount() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [orgSearch, setOrgSearch] = useState('');
  const organizations = useQuery(customersQuery(orgSearch.trim()));
  const [organizationId, setOrganizationId] = useState('');
  const [number, setNumber] = useState('');
  const [details, setDetails] = useState<Details>(NO_DETAILS);
  const [partner, setPartner] = useState('');
  const [administrator, setAdministrator] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const check = useDetailsCheck();
  const open = useMutation({
    mutationFn: () =>
      createPurchasingAccount({
        organizationId,
        number: number.trim(),
        ...bodyOf(details),
        partnerOrganizationId: partner || null,
        administratorEmail: administrator.trim(),
      }),
    onSuccess: () => {
      setNumber('');
      setDetails(NO_DETAILS);
      setAdministrator('');
      return queryClient.invalidateQueries({ queryKey: [PURCHASING_ACCOUNTS_KEY] });
    },
  });
  const required = t('bcBackoffice.form.required');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      ...check(details),
      organization: organizationId ? undefined : required,
      number: /^[0-9]{6,12}$/.test(number.trim()) ? undefined : t('bcBackoffice.form.numberInvalid'),
      administrator: emailProblem(administrator.trim(), { required, invalid: t('bcBackoffice.form.emailInvalid') }),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    open.mutate();
  };
  const orgs = organizations.data?.items ?? [];
  return (
    <SectionPanel headingId="open-purchasing-account" title={t('bcBackoffice.open.title')}>
      <form noValidate onSubmit={onSubmit} aria-labelledby="open-purchasing-account">
        <Stack maw={820}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('bcBackoffice.form.organizationSearch')}
              description={t('bcBackoffice.form.organizationSearchHelp')}
              type="search"
              value={orgSearch}
              onChange={(e) => setOrgSearch(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('bcBackoffice.form.organization')}
              required
              value={organizationId}
              error={errors.organization}
              onChange={(e) => setOrganizationId(e.currentTarget.value)}
              data={[{ value: '', label: t('bcBackoffice.form.chooseOrganization') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
            />
            <TextInput
              label={t('bcBackoffice.form.number')}
              description={t('bcBackoffice.form.numberHelp')}
              required
              maxLength={12}
              value={number}
              error={errors.number}
              onChange={(e) => setNumber(e.currentTarget.value)}
            />
            <PartnerSelect value={partner} onChange={setPartner} />
          </SimpleGrid>
          <DetailFields value={details} onChange={setDetails} errors={errors} />
          <EmailField
            label={t('bcBackoffice.form.administrator')}
            description={t('bcBackoffice.form.administratorHelp')}
            autoComplete="off"
            value={administrator}
            error={errors.administrator}
            onChange={setAdministrator}
          />
          {open.isError && <ErrorAlert error={open.error} />}
          {open.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="purchasing-account-opened">
              {t('bcBackoffice.open.done', { number: open.data.number })}{' '}
              <AnchorLink to="/operator/purchasing-accounts/$purchasingAccountId" params={{ purchasingAccountId: open.data.id }}>
                {t('bcBackoffice.open.view')}
              </AnchorLink>
            </Alert>
          )}
          <Button type="submit" loading={open.isPending} w="fit-content">
            {t('bcBackoffice.open.submit')}
          </Button>
        </Stack>
      </form>
    </SectionPanel>
  );
}

/** Every purchasing account, searched by number, name or organization. */
export function PurchasingAccountsPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcBackoffice.title'));
  const [q, setQ] = useState('');
  const accounts = useQuery(backOfficeAccountsQuery(q.trim()));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('bcBackoffice.title')}</Title>
        <Text maw={760}>{t('bcBackoffice.intro')}</Text>
      </Stack>
      <SectionPanel headingId="purchasing-accounts" title={t('bcBackoffice.list.title')}>
        <Stack>
          <TextInput
            label={t('bcBackoffice.list.search')}
            description={t('bcBackoffice.list.searchHelp')}
            type="search"
            maw={420}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          {accounts.isPending && <Loading />}
          {accounts.isError && <ErrorAlert error={accounts.error} />}
          {accounts.isSuccess && accounts.data.items.length === 0 && (
            <EmptyNotice title={t('bcBackoffice.list.none')} description={t('bcBackoffice.list.noneHelp')} />
          )}
          {accounts.isSuccess && accounts.data.items.length > 0 && (
            <CaptionedTable
              caption={t('bcBackoffice.list.caption')}
              minWidth={720}
              columns={[
                t('bcBackoffice.list.number'),
                t('bcBackoffice.list.name'),
                t('bcBackoffice.list.organization'),
                t('bcBackoffice.list.partner'),
                t('bcBackoffice.list.licensingIds'),
              ]}
            >
              {accounts.data.items.map((a) => (
                <Table.Tr key={a.id} data-account={a.number}>
                  <Table.Th scope="row" style={{ fontWeight: 400 }}>
                    <AnchorLink to="/operator/purchasing-accounts/$purchasingAccountId" params={{ purchasingAccountId: a.id }}>
                      {a.number}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{a.organization.name}</Table.Td>
                  <Table.Td>{a.partner?.name ?? t('bcBackoffice.form.noPartner')}</Table.Td>
                  <Table.Td>{a.licensingIds.map((l) => l.number).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </CaptionedTable>
          )}
        </Stack>
      </SectionPanel>
      <OpenAccount />
    </Stack>
  );
}

function EditAccount({ account }: { account: BackOfficeAccountDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [details, setDetails] = useState<Details>({
    name: account.name,
    line1: account.address.line1,
    line2: account.address.line2 ?? '',
    postalCode: account.address.postalCode,
    city: account.address.city,
    country: account.address.country,
    contactName: account.contact.name,
    contactEmail: account.contact.email,
  });
  const [partner, setPartner] = useState(account.partner?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const check = useDetailsCheck();
  const save = useMutation({
    mutationFn: () => updatePurchasingAccount(account.id, { ...bodyOf(details), partnerOrganizationId: partner || null }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PURCHASING_ACCOUNTS_KEY] }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = check(details);
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    save.mutate();
  };
  return (
    <SectionPanel headingId="edit-purchasing-account" title={t('bcBackoffice.edit.title')}>
      <form noValidate onSubmit={onSubmit} aria-labelledby="edit-purchasing-account">
        <Stack maw={820}>
          <DetailFields value={details} onChange={setDetails} errors={errors} />
          <PartnerSelect value={partner} onChange={setPartner} />
          {save.isError && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <Alert color="green" variant="outline" role="status">
              {t('bcBackoffice.edit.done')}
            </Alert>
          )}
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('bcBackoffice.edit.submit')}
          </Button>
        </Stack>
      </form>
    </SectionPanel>
  );
}

function LinkLicensingIds({ account }: { account: BackOfficeAccountDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(account.licensingIds.map((l) => l.id));
  const save = useMutation({
    mutationFn: () => setAccountLicensingIds(account.id, chosen),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PURCHASING_ACCOUNTS_KEY] }),
  });
  return (
    <SectionPanel headingId="account-licensing-ids" title={t('bcBackoffice.link.title')}>
      <Stack maw={820}>
        {account.candidates.length === 0 ? (
          <EmptyNotice title={t('bcBackoffice.link.none')} description={t('bcBackoffice.link.noneHelp')} />
        ) : (
          <Checkbox.Group
            label={t('bcBackoffice.link.legend', { organization: account.organization.name })}
            value={chosen}
            onChange={setChosen}
          >
            <Stack gap="xs" mt="xs">
              {account.candidates.map((c) => (
                <Checkbox
                  key={c.id}
                  value={c.id}
                  data-licensing-id={c.number}
                  label={`${c.number}${c.name ? ` — ${c.name}` : ''}`}
                  description={
                    c.purchasingAccount && c.purchasingAccount !== account.number
                      ? t('bcBackoffice.link.elsewhere', { number: c.purchasingAccount })
                      : undefined
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" variant="outline" role="status" data-testid="licensing-ids-saved">
            {t('bcBackoffice.link.done')}
          </Alert>
        )}
        <Button onClick={() => save.mutate()} loading={save.isPending} w="fit-content">
          {t('bcBackoffice.link.submit')}
        </Button>
      </Stack>
    </SectionPanel>
  );
}

/** One purchasing account: its details, administrators and the Licensing IDs bought through it. */
export function PurchasingAccountPage() {
  const { t } = useTranslation();
  const { purchasingAccountId } = useParams({ from: '/_app/operator/purchasing-accounts/$purchasingAccountId' });
  const account = useQuery(backOfficeAccountQuery(purchasingAccountId));
  usePageTitle(account.data ? t('bcBackoffice.one.title', { number: account.data.number }) : t('bcBackoffice.title'));
  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorAlert error={account.error} />;
  const a = account.data;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <AnchorLink to="/operator/purchasing-accounts">{t('bcBackoffice.one.back')}</AnchorLink>
        <Title order={1}>{t('bcBackoffice.one.title', { number: a.number })}</Title>
        <Text>{t('bcBackoffice.one.organization', { name: a.organization.name })}</Text>
        <Text>
          {t('bcBackoffice.one.administrators', { emails: a.administrators.join(', ') || t('bcBackoffice.one.noAdministrators') })}
        </Text>
      </Stack>
      <LinkLicensingIds account={a} />
      <EditAccount account={a} />
    </Stack>
  );
}

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/purchasing-accounts',
  component: PurchasingAccountsPage,
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/purchasing-accounts/$purchasingAccountId',
  component: PurchasingAccountPage,
});

/** The publisher's purchasing accounts (R-BC-1, R-PERM-14). */
export const purchasingAccountBackofficeRoutes = [accountsRoute, accountRoute] as const;
