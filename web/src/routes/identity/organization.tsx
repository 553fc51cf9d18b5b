import { Badge, Button, Checkbox, Group, Paper, PasswordInput, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  createScimToken,
  type OrganizationSettings,
  organizationQuery,
  organizationQueryKey,
  removeSsoSettings,
  revokeScimToken,
  type ScimToken,
  type SsoSettings,
  saveSsoSettings,
  scimTokensQuery,
  ssoSettingsQuery,
  updateOrganization,
} from '../../api/identity';
import { ConfirmButton } from '../../components/ConfirmButton';
import { NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AccountProblemAlert } from '../../components/identity/AccountProblemAlert';
import { CopyField, NewSecret } from '../../components/identity/CopyField';
import { countryName } from '../../components/identity/countries';
import { formatDay } from '../../components/identity/format';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { RequireSecondFactorSetting } from '../../components/security/RequireSecondFactorSetting';
import { ContactSupportLink } from '../../components/support/ContactSupportLink';
import { CaptionedTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-ID-4 sign-up settings; R-ID-7 the country, read-only here. */
function SignUpSettings({ organization }: { organization: OrganizationSettings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [selfSignUp, setSelfSignUp] = useState(organization.selfSignUp);
  const [restricted, setRestricted] = useState<string[]>(organization.restrictedDomains);
  const [directoryRequired, setDirectoryRequired] = useState(organization.directoryRequired);
  const save = useMutation({
    mutationFn: () => updateOrganization({ selfSignUp, restrictedDomains: restricted, directoryRequired }),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationQueryKey, saved);
      setSelfSignUp(saved.selfSignUp);
      setRestricted(saved.restrictedDomains);
      setDirectoryRequired(saved.directoryRequired);
    },
  });
  const changed =
    selfSignUp !== organization.selfSignUp ||
    directoryRequired !== organization.directoryRequired ||
    [...restricted].sort().join() !== [...organization.restrictedDomains].sort().join();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  // A restricted domain that is no longer the organization's still shows, so it can be lifted.
  const domains = [...new Set([...organization.domains, ...organization.restrictedDomains])];

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="org-signup-heading">
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="org-signup-heading">
            {t('identity.organization.signUpHeading')}
          </Title>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('identity.organization.country')}
            </Text>
            <Text data-testid="organization-country">{countryName(organization.country, i18n.language)}</Text>
            <Text size="sm">
              {organization.countryFixed ? t('identity.organization.countryFixed') : t('identity.organization.countryNotFixed')}
            </Text>
            {organization.countryFixed && <ContactSupportLink topic="SIGN_IN" />}
          </Stack>
          <Switch
            label={t('identity.organization.selfSignUp')}
            description={t('identity.organization.selfSignUpHelp')}
            checked={selfSignUp}
            onChange={(e) => setSelfSignUp(e.currentTarget.checked)}
          />
          {domains.length === 0 ? (
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('identity.organization.restrictedDomains')}
              </Text>
              <Text size="sm">{t('identity.organization.noDomains')}</Text>
            </Stack>
          ) : (
            <Checkbox.Group
              label={t('identity.organization.restrictedDomains')}
              description={t('identity.organization.restrictedDomainsHelp')}
              value={restricted}
              onChange={setRestricted}
            >
              <Group gap="md" mt="xs">
                {domains.map((domain) => (
                  <Checkbox key={domain} value={domain} label={domain} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <Switch
            label={t('identity.organization.directoryRequired')}
            description={t('identity.organization.directoryRequiredHelp')}
            checked={directoryRequired}
            onChange={(e) => setDirectoryRequired(e.currentTarget.checked)}
          />
          {save.isError && <AccountProblemAlert error={save.error} />}
          {save.isSuccess && !changed && (
            <Text size="sm" role="status">
              {t('identity.organization.saved')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              {t('identity.organization.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The OpenID Connect provider of the organization: users sign in there (SSO). */
function SsoForm({ settings }: { settings: SsoSettings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const provider = settings.provider;
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [errors, setErrors] = useState<{ issuer?: string; clientId?: string; clientSecret?: string }>({});
  const save = useMutation({
    mutationFn: () =>
      saveSsoSettings({ issuer: issuer.trim(), clientId: clientId.trim(), clientSecret: clientSecret.trim() || undefined, enabled }),
    onSuccess: (saved) => {
      setClientSecret('');
      queryClient.setQueryData(ssoSettingsQuery.queryKey, saved);
    },
  });
  const remove = useMutation({
    mutationFn: removeSsoSettings,
    onSuccess: async () => {
      setIssuer('');
      setClientId('');
      setClientSecret('');
      setEnabled(true);
      save.reset();
      await queryClient.invalidateQueries({ queryKey: ssoSettingsQuery.queryKey });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      issuer: !issuer.trim()
        ? t('identity.sso.issuerRequired')
        : /^https?:\/\/\S+$/.test(issuer.trim())
          ? undefined
          : t('identity.sso.issuerInvalid'),
      clientId: clientId.trim() ? undefined : t('identity.sso.clientIdRequired'),
      clientSecret: provider || clientSecret.trim() ? undefined : t('identity.sso.clientSecretRequired'),
    };
    setErrors(next);
    if (!next.issuer && !next.clientId && !next.clientSecret) save.mutate();
  };

  return (
    <Stack>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {t('identity.sso.state')}
        </Text>
        <Badge color={provider?.enabled ? 'teal.9' : 'gray.7'} variant="filled" tt="none" data-testid="sso-state">
          {!provider ? t('identity.sso.notSetUp') : provider.enabled ? t('identity.sso.on') : t('identity.sso.off')}
        </Badge>
        {provider && <Text size="sm">{t('identity.sso.since', { date: formatDay(provider.createdAt, i18n.language) })}</Text>}
      </Group>
      <CopyField
        label={t('identity.sso.redirectUri')}
        description={t('identity.sso.redirectUriHelp')}
        value={settings.redirectUri}
        testId="sso-redirect-uri"
      />
      <form noValidate onSubmit={onSubmit} aria-label={t('identity.sso.formLabel')}>
        <Stack>
          <TextInput
            label={t('identity.sso.issuer')}
            description={t('identity.sso.issuerHelp')}
            type="url"
            required
            value={issuer}
            error={errors.issuer}
            onChange={(e) => setIssuer(e.currentTarget.value)}
          />
          <TextInput
            label={t('identity.sso.clientId')}
            required
            value={clientId}
            error={errors.clientId}
            onChange={(e) => setClientId(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('identity.sso.clientSecret')}
            description={provider ? t('identity.sso.clientSecretKeep') : t('identity.sso.clientSecretHelp')}
            autoComplete="off"
            required={!provider}
            value={clientSecret}
            error={errors.clientSecret}
            onChange={(e) => setClientSecret(e.currentTarget.value)}
          />
          <Switch
            label={t('identity.sso.enabled')}
            description={t('identity.sso.enabledHelp')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {save.isError && <AccountProblemAlert error={save.error} />}
          {save.isSuccess && (
            <Text size="sm" role="status">
              {t('identity.sso.saved')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('identity.sso.save')}
            </Button>
            {provider && (
              <ConfirmButton
                label={t('identity.sso.remove')}
                title={t('identity.sso.removeTitle')}
                question={t('identity.sso.removeQuestion')}
                confirmLabel={t('identity.sso.removeConfirm')}
                onConfirm={() => remove.mutate()}
                loading={remove.isPending}
              />
            )}
          </Group>
          {remove.isError && <ErrorAlert error={remove.error} />}
        </Stack>
      </form>
    </Stack>
  );
}

function SsoSection() {
  const { t } = useTranslation();
  const settings = useQuery(ssoSettingsQuery);
  return (
    <SectionPanel headingId="org-sso-heading" title={t('identity.sso.heading')}>
      <Text size="sm">{t('identity.sso.intro')}</Text>
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorAlert error={settings.error} />}
      {/* Remounted with the saved provider so the form starts from what is stored. */}
      {settings.isSuccess && <SsoForm key={settings.data.provider?.createdAt ?? 'none'} settings={settings.data} />}
    </SectionPanel>
  );
}

function ScimTokenRow({ token }: { token: ScimToken }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeScimToken(token.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scimTokensQuery.queryKey }),
  });
  return (
    <Table.Tr data-token={token.name}>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>{formatDay(token.createdAt, i18n.language)}</Table.Td>
      <Table.Td>
        <ConfirmButton
          label={t('identity.scim.revoke')}
          target={token.name}
          title={t('identity.scim.revokeTitle')}
          question={t('identity.scim.revokeQuestion', { name: token.name })}
          confirmLabel={t('identity.scim.revokeConfirm')}
          onConfirm={() => revoke.mutate()}
          loading={revoke.isPending}
        />
        {revoke.isError && <ErrorAlert error={revoke.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** Directory sync (SCIM): tokens for the organization's directory, and the base URL it calls. */
function ScimSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery(scimTokensQuery);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const create = useMutation({
    mutationFn: () => createScimToken(name.trim()),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: scimTokensQuery.queryKey });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = name.trim() ? undefined : t('identity.scim.nameRequired');
    setNameError(problem);
    if (!problem) create.mutate();
  };
  return (
    <SectionPanel headingId="org-scim-heading" title={t('identity.scim.heading')}>
      <Text size="sm">{t('identity.scim.intro')}</Text>
      {tokens.isSuccess && (
        <CopyField
          label={t('identity.scim.baseUrl')}
          description={t('identity.scim.baseUrlHelp')}
          value={tokens.data.scimBaseUrl}
          testId="scim-base-url"
        />
      )}
      {create.isSuccess && (
        <NewSecret
          title={t('identity.scim.createdTitle', { name: create.data.name })}
          note={t('identity.scim.createdOnce')}
          label={t('identity.scim.secret')}
          value={create.data.token}
          testId="new-scim-secret"
        />
      )}
      <form noValidate onSubmit={onSubmit} aria-label={t('identity.scim.create')}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('identity.scim.name')}
            description={t('identity.scim.nameHelp')}
            required
            maxLength={80}
            value={name}
            error={nameError}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit" loading={create.isPending}>
            {t('identity.scim.create')}
          </Button>
        </Group>
      </form>
      {create.isError && <ErrorAlert error={create.error} />}
      {tokens.isPending && <Loading />}
      {tokens.isError && <ErrorAlert error={tokens.error} />}
      {tokens.isSuccess && tokens.data.items.length === 0 && <Text>{t('identity.scim.none')}</Text>}
      {tokens.isSuccess && tokens.data.items.length > 0 && (
        <CaptionedTable
          caption={t('identity.scim.caption')}
          minWidth={480}
          columns={[t('identity.scim.name'), t('identity.scim.created'), t('identity.scim.actions')]}
        >
          {tokens.data.items.map((token) => (
            <ScimTokenRow key={token.id} token={token} />
          ))}
        </CaptionedTable>
      )}
    </SectionPanel>
  );
}

/** Organization settings for administrators: sign-up (R-ID-4), country (R-ID-7), SSO and SCIM. */
export function OrganizationPage() {
  const { t } = useTranslation();
  usePageTitle(t('identity.organization.title'));
  const organization = useQuery(organizationQuery);
  const forbidden = organization.error instanceof ApiError && organization.error.status === 403;
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('identity.organization.title')}</Title>
      {organization.isPending && <Loading />}
      {forbidden && <NoAccess title={t('identity.organization.forbiddenTitle')} description={t('identity.organization.forbidden')} />}
      {organization.isError && !forbidden && <ErrorAlert error={organization.error} />}
      {organization.isSuccess && (
        <>
          <Text>{t('identity.organization.intro', { name: organization.data.name })}</Text>
          <SignUpSettings organization={organization.data} />
          <RequireSecondFactorSetting organization={organization.data} />
          <SsoSection />
          <ScimSection />
        </>
      )}
    </Stack>
  );
}
