import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword, passwordStatusQuery } from '../../api/account';
import { meQuery } from '../../api/queries';
import { ErrorAlert } from '../ErrorAlert';
import { AccountProblemAlert } from '../identity/AccountProblemAlert';
import { PasswordFields, passwordErrors } from '../identity/PasswordFields';
import { Loading } from '../Loading';
import { SectionPanel } from '../SectionPanel';

const EMPTY = { current: '', password: '', confirm: '' };

/**
 * The profile's "Password" section: change the password with the current one; the other sessions
 * end. An account that signs in only through its organization's identity provider has no password
 * here, and the section says where to change it.
 */
export function ChangePasswordPanel() {
  const { t } = useTranslation();
  const status = useQuery(passwordStatusQuery);
  const { data: me } = useQuery(meQuery);
  const [value, setValue] = useState(EMPTY);
  const [errors, setErrors] = useState<{ current?: string; password?: string; confirm?: string }>({});
  const change = useMutation({
    mutationFn: () => changePassword(value.current, value.password),
    onSuccess: () => setValue(EMPTY),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = { current: value.current ? undefined : t('account.change.currentRequired'), ...passwordErrors(value, t) };
    setErrors(next);
    if (!Object.values(next).some(Boolean)) change.mutate();
  };

  return (
    <SectionPanel headingId="profile-password-heading" title={t('account.change.heading')}>
      {status.isPending && <Loading />}
      {status.isError && <ErrorAlert error={status.error} />}
      {status.isSuccess && !status.data.hasPassword && <Text>{t('account.change.sso')}</Text>}
      {status.isSuccess && status.data.hasPassword && (
        <>
          <Text size="sm">{t('account.change.intro')}</Text>
          {status.data.singleSignOn && <Text size="sm">{t('account.change.ssoAlso')}</Text>}
          {change.isSuccess && (
            <Alert color="teal.9" variant="outline" role="status" title={t('account.change.doneTitle')}>
              {t('account.change.done', { count: change.data.otherSessionsEnded })}
            </Alert>
          )}
          {change.isError && <AccountProblemAlert error={change.error} signInLink={false} />}
          <form noValidate onSubmit={onSubmit} aria-labelledby="profile-password-heading">
            <Stack maw={420}>
              {/* Tells password managers whose password changes. */}
              <input type="text" name="username" autoComplete="username" value={me?.email ?? ''} readOnly hidden />
              <PasswordInput
                label={t('account.change.current')}
                name="current-password"
                autoComplete="current-password"
                required
                value={value.current}
                error={errors.current}
                onChange={(e) => setValue({ ...value, current: e.currentTarget.value })}
              />
              <PasswordFields
                value={value}
                onChange={(next) => setValue({ ...value, ...next })}
                errors={{ password: errors.password, confirm: errors.confirm }}
                labels={{ password: t('account.change.new'), confirm: t('account.change.confirmNew') }}
              />
              <Button type="submit" loading={change.isPending} w="fit-content">
                {t('account.change.submit')}
              </Button>
            </Stack>
          </form>
          <Text size="sm">{t('account.change.forgot')}</Text>
        </>
      )}
    </SectionPanel>
  );
}
