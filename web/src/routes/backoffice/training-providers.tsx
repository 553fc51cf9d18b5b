import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  issueProviderCredential,
  registerTrainingProvider,
  revokeProviderCredential,
  type TrainingProvider,
  trainingProvidersQuery,
} from '../../api/training-providers';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmailField } from '../../components/EmailField';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewSecret } from '../../components/identity/CopyField';
import { formatDay } from '../../components/identity/format';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { CaptionedTable } from '../../components/tables';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';
import { appRoute } from '../base';

type Issued = { provider: TrainingProvider; token: string };

/** R-SA-5: the publisher registers a training provider under its own unique number. */
function RegisterProvider() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', number: '', contactEmail: '' });
  const [locale, setLocale] = useState<'en' | 'sv'>('en');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const register = useMutation({
    mutationFn: registerTrainingProvider,
    onSuccess: () => {
      setForm({ name: '', number: '', contactEmail: '' });
      return queryClient.invalidateQueries({ queryKey: trainingProvidersQuery.queryKey });
    },
  });
  const required = t('trainingProviders.form.required');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      name: form.name.trim() ? undefined : required,
      number: /^[A-Za-z0-9-]+$/.test(form.number.trim()) ? undefined : t('trainingProviders.form.numberInvalid'),
      contactEmail: emailProblem(form.contactEmail.trim(), { required, invalid: t('trainingProviders.form.emailInvalid') }),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    register.mutate({
      name: form.name.trim(),
      number: form.number.trim(),
      contactEmail: form.contactEmail.trim(),
      contactLocale: locale,
    });
  };
  return (
    <SectionPanel headingId="register-provider" title={t('trainingProviders.register.title')}>
      <form noValidate onSubmit={onSubmit} aria-labelledby="register-provider">
        <Stack maw={820}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('trainingProviders.form.name')}
              required
              maxLength={200}
              value={form.name}
              error={errors.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('trainingProviders.form.number')}
              description={t('trainingProviders.form.numberHelp')}
              required
              maxLength={40}
              value={form.number}
              error={errors.number}
              onChange={(e) => setForm({ ...form, number: e.currentTarget.value })}
            />
            <EmailField
              label={t('trainingProviders.form.contactEmail')}
              description={t('trainingProviders.form.contactEmailHelp')}
              autoComplete="off"
              value={form.contactEmail}
              error={errors.contactEmail}
              onChange={(contactEmail) => setForm({ ...form, contactEmail })}
            />
            <NativeSelect
              label={t('trainingProviders.form.language')}
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value === 'sv' ? 'sv' : 'en')}
              data={[
                { value: 'en', label: t('trainingProviders.form.languages.en') },
                { value: 'sv', label: t('trainingProviders.form.languages.sv') },
              ]}
            />
          </SimpleGrid>
          {register.isError && <ErrorAlert error={register.error} />}
          {register.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="provider-registered">
              {t('trainingProviders.register.done', { name: register.data.name })}
            </Alert>
          )}
          <Button type="submit" loading={register.isPending} w="fit-content">
            {t('trainingProviders.register.submit')}
          </Button>
        </Stack>
      </form>
    </SectionPanel>
  );
}

/** One provider: its credential, issued (or rotated, after confirming) and revoked (after confirming). */
function ProviderRow({ provider, onIssued }: { provider: TrainingProvider; onIssued: (issued: Issued) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trainingProvidersQuery.queryKey });
  const issue = useMutation({
    mutationFn: () => issueProviderCredential(provider.id),
    onSuccess: async (issued) => {
      onIssued(issued);
      await refresh();
    },
  });
  const revoke = useMutation({ mutationFn: () => revokeProviderCredential(provider.id), onSuccess: refresh });
  const live = provider.credentialIssuedAt !== null;
  return (
    <Table.Tr data-provider={provider.number}>
      <Table.Td>{provider.name}</Table.Td>
      <Table.Td>{provider.number}</Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>{provider.contactEmail}</Table.Td>
      <Table.Td data-testid="credential-state">
        {provider.credentialIssuedAt
          ? t('trainingProviders.list.issuedOn', { date: formatDay(provider.credentialIssuedAt, i18n.language) })
          : t('trainingProviders.list.noCredential')}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          {live ? (
            <ConfirmButton
              label={t('trainingProviders.credential.rotate')}
              target={provider.name}
              title={t('trainingProviders.credential.rotateTitle')}
              question={t('trainingProviders.credential.rotateQuestion', { name: provider.name })}
              confirmLabel={t('trainingProviders.credential.rotate')}
              onConfirm={() => issue.mutate()}
              loading={issue.isPending}
            />
          ) : (
            <Button
              size="xs"
              variant="outline"
              onClick={() => issue.mutate()}
              loading={issue.isPending}
              aria-label={t('common.labelFor', { label: t('trainingProviders.credential.issue'), target: provider.name })}
            >
              {t('trainingProviders.credential.issue')}
            </Button>
          )}
          {live && (
            <ConfirmButton
              label={t('trainingProviders.credential.revoke')}
              target={provider.name}
              title={t('trainingProviders.credential.revokeTitle')}
              question={t('trainingProviders.credential.revokeQuestion', { name: provider.name })}
              confirmLabel={t('trainingProviders.credential.revoke')}
              onConfirm={() => revoke.mutate()}
              loading={revoke.isPending}
            />
          )}
        </Group>
        {issue.isError && <ErrorAlert error={issue.error} />}
        {revoke.isError && <ErrorAlert error={revoke.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** R-SA-5: the publisher's training providers and their API credentials (the secret shown once). */
export function TrainingProvidersPage() {
  const { t } = useTranslation();
  usePageTitle(t('trainingProviders.title'));
  const providers = useQuery(trainingProvidersQuery);
  const [issued, setIssued] = useState<Issued | null>(null);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('trainingProviders.title')}</Title>
        <Text maw={760}>{t('trainingProviders.intro')}</Text>
      </Stack>
      {issued && (
        <NewSecret
          title={t('trainingProviders.credential.issuedTitle', { name: issued.provider.name })}
          note={t('trainingProviders.credential.issuedOnce')}
          label={t('trainingProviders.credential.secret')}
          value={issued.token}
          testId="new-provider-secret"
        />
      )}
      <SectionPanel headingId="providers-list" title={t('trainingProviders.list.title')}>
        {providers.isPending && <Loading />}
        {providers.isError && <ErrorAlert error={providers.error} />}
        {providers.isSuccess && providers.data.items.length === 0 && (
          <EmptyNotice title={t('trainingProviders.list.none')} description={t('trainingProviders.list.noneHelp')} />
        )}
        {providers.isSuccess && providers.data.items.length > 0 && (
          <CaptionedTable
            caption={t('trainingProviders.list.caption')}
            minWidth={720}
            columns={[
              t('trainingProviders.list.name'),
              t('trainingProviders.list.number'),
              t('trainingProviders.list.contact'),
              t('trainingProviders.list.credential'),
              t('trainingProviders.list.actions'),
            ]}
          >
            {providers.data.items.map((p) => (
              <ProviderRow key={p.id} provider={p} onIssued={setIssued} />
            ))}
          </CaptionedTable>
        )}
      </SectionPanel>
      <RegisterProvider />
    </Stack>
  );
}

const trainingProviders = createRoute({
  getParentRoute: () => appRoute,
  path: '/operator/training-providers',
  component: TrainingProvidersPage,
});

/** The publisher's training providers (issue 13, R-SA-5). */
export const trainingProviderRoutes = [trainingProviders] as const;
