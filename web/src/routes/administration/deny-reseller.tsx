import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { denyResellerByToken } from '../../api/administration';
import { ApiError } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { PublicLayout } from '../../components/PublicLayout';
import { usePageTitle } from '../../lib/usePageTitle';

function DenyAccess() {
  const { t } = useTranslation();
  usePageTitle(t('administration.deny.title'));
  const { token } = useSearch({ from: '/reseller-access/deny' });
  const deny = useMutation({ mutationFn: () => denyResellerByToken(token ?? '') });
  const invalid = !token || (deny.error instanceof ApiError && (deny.error.status === 404 || deny.error.code === 'VALIDATION_FAILED'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('administration.deny.title')}</Title>
      {deny.isSuccess ? (
        <Alert color="green" variant="outline" role="status" title={t('administration.deny.doneTitle')} data-result="DENIED">
          {t('administration.deny.done', {
            email: deny.data.resellerEmail,
            number: deny.data.licenseNumber,
            name: deny.data.licenseName,
          })}
        </Alert>
      ) : invalid ? (
        <Alert color="red" variant="outline" role="alert" title={t('errors.heading')} data-problem="INVALID_LINK">
          {t('administration.deny.invalid')}
        </Alert>
      ) : (
        <>
          <Text maw={640}>{t('administration.deny.intro')}</Text>
          {deny.isError && <ErrorAlert error={deny.error} />}
          {!(deny.error instanceof ApiError && deny.error.code === 'DENY_LINK_USED') && (
            <Paper withBorder p="lg" maw={640}>
              <Stack>
                <Text size="sm">{t('administration.deny.effect')}</Text>
                <Group>
                  <ConfirmButton
                    size="md"
                    variant="filled"
                    label={t('administration.deny.submit')}
                    title={t('administration.deny.confirmTitle')}
                    question={t('administration.deny.confirmQuestion')}
                    confirmLabel={t('administration.deny.submit')}
                    loading={deny.isPending}
                    onConfirm={() => deny.mutate()}
                  />
                </Group>
              </Stack>
            </Paper>
          )}
        </>
      )}
      <Text size="sm">
        {t('administration.deny.manage')}{' '}
        <AnchorLink to="/administration/open-licenses">{t('administration.openLicenses.title')}</AnchorLink>
      </Text>
    </Stack>
  );
}

/** R-PERM-11: the Deny Access link from the administrators' mail; the mailed token is the credential. */
export function DenyResellerAccessPage() {
  return (
    <PublicLayout>
      <DenyAccess />
    </PublicLayout>
  );
}
