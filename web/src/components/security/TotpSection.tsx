import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmTotp, removeTotp, type SecurityOverview, securityQuery, startTotp } from '../../api/identity';
import { formatDay } from '../identity/format';
import { PasswordConfirmButton } from './PasswordConfirmButton';
import { SecurityError } from './SecurityError';
import { TotpSetupForm } from './TotpSetupForm';

/** The authenticator app of the signed-in user: set up (QR code, first code), or removed with the password. */
export function TotpSection({ overview, onRecoveryCodes }: { overview: SecurityOverview; onRecoveryCodes: (codes: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityQuery.queryKey });
  const start = useMutation({ mutationFn: startTotp });
  const confirm = useMutation({
    mutationFn: confirmTotp,
    onSuccess: async ({ recoveryCodes }) => {
      start.reset();
      if (recoveryCodes) onRecoveryCodes(recoveryCodes);
      await refresh();
    },
  });

  return (
    <Stack gap="sm" component="section" aria-labelledby="security-totp-heading">
      <Group gap="sm">
        <Title order={3} size="h4" id="security-totp-heading">
          {t('security.totp.heading')}
        </Title>
        <Badge color={overview.totp ? 'teal.9' : 'gray.7'} variant="filled" tt="none" data-testid="totp-state">
          {overview.totp ? t('security.state.on') : t('security.state.off')}
        </Badge>
      </Group>
      <Text size="sm">{t('security.totp.intro')}</Text>
      {overview.totp ? (
        <Group gap="sm">
          <Text size="sm">{t('security.totp.since', { date: formatDay(overview.totp.setUpAt, i18n.language) })}</Text>
          <PasswordConfirmButton
            label={t('security.totp.remove')}
            title={t('security.totp.removeTitle')}
            question={t('security.totp.removeQuestion')}
            confirmLabel={t('security.totp.remove')}
            onConfirm={async (password) => {
              await removeTotp(password);
              await refresh();
            }}
          />
        </Group>
      ) : start.isSuccess ? (
        <TotpSetupForm
          setup={start.data}
          onConfirm={(code) => confirm.mutate(code)}
          onCancel={() => {
            start.reset();
            confirm.reset();
          }}
          pending={confirm.isPending}
          error={confirm.error}
        />
      ) : (
        <Group>
          <Button variant="outline" onClick={() => start.mutate()} loading={start.isPending}>
            {t('security.totp.setUp')}
          </Button>
        </Group>
      )}
      {start.isError && <SecurityError error={start.error} />}
      {confirm.isSuccess && overview.totp && (
        <Text size="sm" role="status">
          {t('security.totp.added')}
        </Text>
      )}
    </Stack>
  );
}
