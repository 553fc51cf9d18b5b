import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activateByKey, myServiceAccountsQuery } from '../../api/online-services';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';
import { AccountChoiceFields, type ChoiceState, choiceOf } from './account-choice';

/**
 * R-OS-7: Online Service Activation for Open programs: the single-use key, entered once, into an
 * account the user already administers (R-OS-5) or a new one.
 */
export function OsaKeyPage() {
  const { t } = useTranslation();
  usePageTitle(t('onlineServices.osa.title'));
  const [key, setKey] = useState('');
  const [state, setState] = useState<ChoiceState>({ account: 'new', name: '', adminEmail: '' });
  const mine = useQuery(myServiceAccountsQuery);
  const accounts = mine.data?.accounts ?? [];
  // An existing account is the usual choice: preselect the first once they are known, as the link page does.
  const first = accounts[0]?.id;
  useEffect(() => {
    if (first) setState((s) => (s.account === 'new' && !s.name ? { ...s, account: first } : s));
  }, [first]);
  const [errors, setErrors] = useState<{ key?: string; name?: string }>({});
  const activate = useMutation({ mutationFn: (args: Parameters<typeof activateByKey>) => activateByKey(...args) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { choice, errors: missing } = choiceOf(state, false);
    setErrors({
      key: key.trim() ? undefined : t('onlineServices.osa.keyRequired'),
      name: missing.name ? t('onlineServices.osa.nameRequired') : undefined,
    });
    if (choice && key.trim()) activate.mutate([key.trim(), choice]);
  };
  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{t('onlineServices.osa.title')}</Title>
      <Text>{t('onlineServices.osa.intro')}</Text>
      {activate.isSuccess ? (
        <Alert color="teal.9" variant="outline" role="status" data-testid="osa-done">
          {t('onlineServices.osa.done', { account: activate.data.account.name })}
        </Alert>
      ) : (
        <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
          <Stack>
            <TextInput
              label={t('onlineServices.osa.key')}
              name="osaKey"
              autoComplete="off"
              required
              value={key}
              error={errors.key}
              onChange={(e) => setKey(e.currentTarget.value)}
            />
            <AccountChoiceFields
              accounts={accounts}
              value={state}
              onChange={setState}
              askEmail={false}
              errors={errors}
              messages="onlineServices.osa"
            />
            {mine.isError && <ErrorAlert error={mine.error} />}
            {activate.isError && <ErrorAlert error={activate.error} />}
            <Button type="submit" loading={activate.isPending} w="fit-content">
              {t('onlineServices.osa.submit')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
