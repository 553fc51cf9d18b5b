import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { activateByLink, activationLinkQuery, type LinkInfo } from '../../api/online-services';
import { meQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PublicLayout } from '../../components/PublicLayout';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { AccountChoiceFields, type ChoiceState, choiceOf } from './account-choice';

function ActivationForm({ token, info, signedIn }: { token: string; info: LinkInfo; signedIn: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ChoiceState>({ account: info.accounts[0]?.id ?? 'new', name: '', adminEmail: '' });
  const [errors, setErrors] = useState<{ name?: string; adminEmail?: string }>({});
  const activate = useMutation({ mutationFn: (choice: Parameters<typeof activateByLink>[1]) => activateByLink(token, choice) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { choice, errors: missing } = choiceOf(state, !signedIn);
    setErrors({
      name: missing.name ? t('onlineServices.link.nameRequired') : undefined,
      adminEmail: missing.adminEmail ? t('onlineServices.link.emailRequired') : undefined,
    });
    if (choice) activate.mutate(choice);
  };
  if (activate.isSuccess) {
    const done = activate.data;
    return (
      <Alert color="teal.9" variant="outline" role="status" data-testid="activation-done">
        {t(done.status === 'PENDING' ? 'onlineServices.link.donePending' : 'onlineServices.link.done', {
          name: info.licensingId.name,
          number: info.licensingId.number,
          account: done.account.name,
        })}
      </Alert>
    );
  }
  return (
    <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
      <Stack>
        <AccountChoiceFields
          accounts={info.accounts}
          value={state}
          onChange={setState}
          askEmail={!signedIn}
          errors={errors}
          messages="onlineServices.link"
        />
        {activate.isError && <ErrorAlert error={activate.error} />}
        <Button type="submit" loading={activate.isPending} w="fit-content">
          {t('onlineServices.link.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-OS-3, R-OS-5: the page the activation mail links to; opening it changes nothing, only the form's submit links. */
export function ServiceActivationPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('onlineServices.link.title'));
  const { token } = useParams({ from: '/online-services/activate/$token' });
  const me = useQuery(meQuery);
  const link = useQuery(activationLinkQuery(token));
  const info = link.data;
  return (
    <PublicLayout>
      <Stack gap="lg">
        <Title order={1}>{t('onlineServices.link.title')}</Title>
        {(link.isPending || me.isPending) && <Loading />}
        {link.isError &&
          (problemCode(link.error) === 'ACTIVATION_LINK_UNKNOWN' ? (
            <Alert color="red" variant="outline" role="alert">
              {t('onlineServices.link.invalid')}
            </Alert>
          ) : (
            <ErrorAlert error={link.error} />
          ))}
        {info && (
          <>
            <Text>
              {t('onlineServices.link.what', { service: info.service, name: info.licensingId.name, number: info.licensingId.number })}
            </Text>
            {info.expired ? (
              <Alert color="red" variant="outline" role="alert">
                {t('onlineServices.link.expired', { date: formatDate(info.expiresOn, i18n.language) })}
              </Alert>
            ) : info.linkedAccount ? (
              <Alert color="teal.9" variant="outline" role="status">
                {t('onlineServices.link.alreadyLinked', { account: info.linkedAccount })}
              </Alert>
            ) : (
              <>
                <Text size="sm">{t('onlineServices.link.until', { date: formatDate(info.expiresOn, i18n.language) })}</Text>
                {!me.isPending && <ActivationForm token={token} info={info} signedIn={Boolean(me.data)} />}
              </>
            )}
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
