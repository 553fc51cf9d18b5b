import { Button, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPersonalToken, type PersonalToken, personalTokensQuery, revokePersonalToken, updateMe } from '../../api/identity';
import { meQuery, meQueryKey } from '../../api/queries';
import type { Locale } from '../../api/types';
import { ChangePasswordPanel } from '../../components/account/ChangePasswordPanel';
import { MyAccountRoles } from '../../components/business-center/MyAccountRoles';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewSecret } from '../../components/identity/CopyField';
import { countryName } from '../../components/identity/countries';
import { formatDateTime, formatDay } from '../../components/identity/format';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { SignInSecurity } from '../../components/security/SignInSecurity';
import { CaptionedTable } from '../../components/tables';
import { LOCALES, setLocale } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Name, address and organization as registered, and the language of the portal and of mails. */
function Account() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQuery);
  const save = useMutation({
    mutationFn: (locale: Locale) => updateMe({ locale }),
    onSuccess: async (user) => {
      queryClient.setQueryData(meQueryKey, user);
      await setLocale(user.locale);
    },
  });
  if (!me) return <Loading />;
  const rows: [string, string][] = [
    [t('identity.profile.name'), `${me.firstName} ${me.lastName}`.trim()],
    [t('identity.profile.email'), me.email],
    [t('identity.profile.organization'), me.organization.name],
    [t('identity.profile.country'), countryName(me.organization.country, i18n.language)],
  ];
  return (
    <SectionPanel headingId="profile-account-heading" title={t('identity.profile.accountHeading')}>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={{ base: 110, sm: 200 }} scope="row">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('identity.profile.nameHelp')}</Text>
      <NativeSelect
        label={t('identity.profile.language')}
        description={t('identity.profile.languageHelp')}
        value={me.locale}
        maw={320}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isLocale(value)) save.mutate(value);
        }}
        data={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
      />
      {save.isSuccess && (
        <Text size="sm" role="status">
          {t('identity.profile.languageSaved')}
        </Text>
      )}
      {save.isError && <ErrorAlert error={save.error} />}
    </SectionPanel>
  );
}

/** One token row: what it is called, when it runs out, and revoking it after a confirmation. */
function TokenRow({ token }: { token: PersonalToken }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokePersonalToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalTokensQuery.queryKey }),
  });
  return (
    <Table.Tr data-token={token.name}>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>
        <code>{`${token.prefix}…`}</code>
      </Table.Td>
      <Table.Td>{formatDay(token.createdAt, i18n.language)}</Table.Td>
      <Table.Td>{token.expiresAt ? formatDay(token.expiresAt, i18n.language) : t('identity.tokens.never')}</Table.Td>
      <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t('identity.tokens.notUsed')}</Table.Td>
      <Table.Td>
        <ConfirmButton
          label={t('identity.tokens.revoke')}
          target={token.name}
          title={t('identity.tokens.revokeTitle')}
          question={t('identity.tokens.revokeQuestion', { name: token.name })}
          confirmLabel={t('identity.tokens.revokeConfirm')}
          onConfirm={() => revoke.mutate()}
          loading={revoke.isPending}
        />
        {revoke.isError && <ErrorAlert error={revoke.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** Personal API tokens for scripts: create (the secret is shown once), list and revoke. */
function PersonalTokens() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery(personalTokensQuery);
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [errors, setErrors] = useState<{ name?: string; days?: string }>({});
  const create = useMutation({
    mutationFn: () => createPersonalToken({ name: name.trim(), expiresInDays: Number(days) }),
    onSuccess: async () => {
      setName('');
      setDays(90);
      await queryClient.invalidateQueries({ queryKey: personalTokensQuery.queryKey });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const n = Number(days);
    const next = {
      name: name.trim() ? undefined : t('identity.tokens.nameRequired'),
      days: Number.isInteger(n) && n >= 1 && n <= 366 ? undefined : t('identity.tokens.daysInvalid'),
    };
    setErrors(next);
    if (!next.name && !next.days) create.mutate();
  };

  return (
    <SectionPanel headingId="profile-tokens-heading" title={t('identity.tokens.heading')}>
      <Text size="sm">{t('identity.tokens.intro')}</Text>
      {create.isSuccess && (
        <NewSecret
          title={t('identity.tokens.createdTitle', { name: create.data.name })}
          note={t('identity.tokens.createdOnce')}
          label={t('identity.tokens.secret')}
          value={create.data.token}
          testId="new-token-secret"
        />
      )}
      <form noValidate onSubmit={onSubmit} aria-label={t('identity.tokens.create')}>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('identity.tokens.name')}
            description={t('identity.tokens.nameHelp')}
            required
            maxLength={80}
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NumberInput
            label={t('identity.tokens.days')}
            description={t('identity.tokens.daysHelp')}
            required
            min={1}
            max={366}
            allowDecimal={false}
            value={days}
            error={errors.days}
            onChange={setDays}
            w={200}
          />
        </Group>
        <Button type="submit" mt="md" loading={create.isPending}>
          {t('identity.tokens.create')}
        </Button>
      </form>
      {create.isError && <ErrorAlert error={create.error} />}
      {tokens.isPending && <Loading />}
      {tokens.isError && <ErrorAlert error={tokens.error} />}
      {tokens.isSuccess && tokens.data.items.length === 0 && <Text>{t('identity.tokens.none')}</Text>}
      {tokens.isSuccess && tokens.data.items.length > 0 && (
        <CaptionedTable
          caption={t('identity.tokens.caption')}
          minWidth={640}
          columns={[
            t('identity.tokens.name'),
            t('identity.tokens.prefix'),
            t('identity.tokens.created'),
            t('identity.tokens.expires'),
            t('identity.tokens.lastUsed'),
            t('identity.tokens.actions'),
          ]}
        >
          {tokens.data.items.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </CaptionedTable>
      )}
    </SectionPanel>
  );
}

/** The signed-in user's own settings: language and personal API tokens. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.profile.title'));
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('identity.profile.title')}</Title>
      <Account />
      <MyAccountRoles />
      <ChangePasswordPanel />
      <SignInSecurity />
      <PersonalTokens />
    </Stack>
  );
}
