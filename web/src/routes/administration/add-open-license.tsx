import { Alert, Button, Checkbox, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addOpenLicense, refreshAfterRoleChange } from '../../api/administration';
import { ApiError, problemDetail } from '../../api/client';
import { meQuery } from '../../api/queries';
import { formatDateTime } from '../../components/administration/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { NameFields, type PersonName } from '../../components/NameFields';
import { usePageTitle } from '../../lib/usePageTitle';

interface FieldErrors {
  licenseNumber?: string;
  authorizationNumber?: string;
  acknowledge?: string;
  firstName?: string;
  lastName?: string;
}

/** The refusal of an Add Open attempt, with what the API adds (attempts left, end of the suspension). */
function AddOpenProblem({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  if (error.code === 'ADD_OPEN_SUSPENDED') {
    const until = problemDetail<string>(error, 'suspendedUntil');
    return (
      <Alert color="red" variant="outline" role="alert" title={t('administration.addOpen.suspendedTitle')} data-problem={error.code}>
        {until
          ? t('administration.addOpen.suspendedUntil', { date: formatDateTime(until, i18n.language) })
          : t('errors.ADD_OPEN_SUSPENDED')}
      </Alert>
    );
  }
  if (error.code === 'INVALID_LICENSE_PAIR') {
    const attemptsLeft = problemDetail<number>(error, 'attemptsLeft');
    return (
      <Alert color="red" variant="outline" role="alert" title={t('errors.heading')} data-problem={error.code}>
        <Text size="sm">{t('errors.INVALID_LICENSE_PAIR')}</Text>
        {typeof attemptsLeft === 'number' && (
          <Text size="sm" fw={600}>
            {t('administration.addOpen.attemptsLeft', { count: attemptsLeft })}
          </Text>
        )}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

/** R-PERM-10: gain the limited set on an Open License by its license and authorization numbers. */
export function AddOpenLicensePage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.addOpen.title'));
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQuery);
  const [licenseNumber, setLicenseNumber] = useState('');
  const [authorizationNumber, setAuthorizationNumber] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [name, setName] = useState<PersonName>({ firstName: '', lastName: '' });
  const [askName, setAskName] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  // A complete profile (first and last name) is needed on first use.
  const needsName = askName || (me ? !me.firstName.trim() || !me.lastName.trim() : false);

  const add = useMutation({
    mutationFn: () =>
      addOpenLicense({
        licenseNumber: licenseNumber.trim(),
        authorizationNumber: authorizationNumber.trim(),
        ...(needsName ? { firstName: name.firstName.trim(), lastName: name.lastName.trim() } : {}),
      }),
    onSuccess: async () => {
      setLicenseNumber('');
      setAuthorizationNumber('');
      setAcknowledged(false);
      setAskName(false);
      await refreshAfterRoleChange(queryClient, needsName);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'PROFILE_INCOMPLETE') setAskName(true);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {
      licenseNumber: licenseNumber.trim() ? undefined : t('administration.addOpen.licenseRequired'),
      authorizationNumber: authorizationNumber.trim() ? undefined : t('administration.addOpen.authorizationRequired'),
      acknowledge: acknowledged ? undefined : t('administration.addOpen.acknowledgeRequired'),
      firstName: !needsName || name.firstName.trim() ? undefined : t('administration.addUser.firstNameRequired'),
      lastName: !needsName || name.lastName.trim() ? undefined : t('administration.addUser.lastNameRequired'),
    };
    setErrors(next);
    if (Object.values(next).every((v) => v === undefined)) add.mutate();
  };

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('administration.addOpen.title')}</Title>
        <Text maw={760}>{t('administration.addOpen.intro')}</Text>
      </Stack>
      <Paper withBorder p="md" maw={760}>
        <Text fw={600} size="sm">
          {t('administration.addOpen.grantsHeading')}
        </Text>
        <List size="sm" mt={4}>
          {['LICENSING_INFO_VIEWER', 'DOWNLOAD', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER'].map((r) => (
            <List.Item key={r}>{t(`administration.addOpen.grants.${r}`)}</List.Item>
          ))}
        </List>
        <Text size="sm" mt="xs">
          {t('administration.addOpen.notAdministrator')}{' '}
          <AnchorLink to="/administration/request-permissions">{t('administration.request.title')}</AnchorLink>
        </Text>
      </Paper>
      {add.isSuccess && (
        <Alert
          color="green"
          variant="outline"
          role="status"
          title={add.data.status === 'GRANTED' ? t('administration.addOpen.grantedTitle') : t('administration.addOpen.alreadyTitle')}
          data-result={add.data.status}
        >
          <Text size="sm">
            {t(add.data.status === 'GRANTED' ? 'administration.addOpen.granted' : 'administration.addOpen.already', {
              number: add.data.number,
              name: add.data.name,
            })}
          </Text>
          <Text size="sm">{t('administration.addOpen.rolesNow', { roles: add.data.roles.map((r) => t(`roles.${r}`)).join(', ') })}</Text>
          <AnchorLink to="/licenses/licensing-ids/$licensingId" params={{ licensingId: add.data.licensingId }} size="sm">
            {t('administration.addOpen.openLicense', { number: add.data.number })}
          </AnchorLink>
        </Alert>
      )}
      {add.isError && <AddOpenProblem error={add.error} />}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} maw={760}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('administration.addOpen.licenseNumber')}
              description={t('administration.addOpen.licenseNumberHelp')}
              required
              autoComplete="off"
              maxLength={40}
              value={licenseNumber}
              error={errors.licenseNumber}
              onChange={(e) => setLicenseNumber(e.currentTarget.value)}
            />
            <TextInput
              label={t('administration.addOpen.authorizationNumber')}
              description={t('administration.addOpen.authorizationNumberHelp')}
              required
              autoComplete="off"
              maxLength={40}
              value={authorizationNumber}
              error={errors.authorizationNumber}
              onChange={(e) => setAuthorizationNumber(e.currentTarget.value)}
            />
          </SimpleGrid>
          {needsName && (
            <>
              <Text size="sm" role="status">
                {t('administration.addOpen.nameNeeded')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NameFields value={name} onChange={setName} errors={errors} />
              </SimpleGrid>
            </>
          )}
          <Checkbox
            label={t('administration.addOpen.acknowledge')}
            checked={acknowledged}
            error={errors.acknowledge}
            onChange={(e) => setAcknowledged(e.currentTarget.checked)}
          />
          <Button type="submit" loading={add.isPending} w="fit-content">
            {t('administration.addOpen.submit')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
