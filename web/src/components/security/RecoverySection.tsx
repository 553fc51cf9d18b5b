import { Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { regenerateRecoveryCodes, type SecurityOverview, securityQuery } from '../../api/identity';
import { PasswordConfirmButton } from './PasswordConfirmButton';

/** How many recovery codes are left, and a new set (the old one stops working) after the password. */
export function RecoverySection({ overview, onRecoveryCodes }: { overview: SecurityOverview; onRecoveryCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const hasFactor = Boolean(overview.totp) || overview.passkeys.length > 0;
  const { left } = overview.recoveryCodes;
  return (
    <Stack gap="sm" component="section" aria-labelledby="security-recovery-heading">
      <Title order={3} size="h4" id="security-recovery-heading">
        {t('security.recovery.heading')}
      </Title>
      <Text size="sm">{t('security.recovery.intro')}</Text>
      {hasFactor ? (
        <>
          <Text size="sm" fw={600} data-testid="recovery-left">
            {t('security.recovery.left', { count: left })}
          </Text>
          {left <= 3 && <Text size="sm">{t('security.recovery.few')}</Text>}
          <div>
            <PasswordConfirmButton
              label={t('security.recovery.regenerate')}
              title={t('security.recovery.regenerateTitle')}
              question={t('security.recovery.regenerateQuestion')}
              confirmLabel={t('security.recovery.regenerate')}
              destructive={false}
              onConfirm={async (password) => {
                const { recoveryCodes } = await regenerateRecoveryCodes(password);
                onRecoveryCodes(recoveryCodes);
                await queryClient.invalidateQueries({ queryKey: securityQuery.queryKey });
              }}
            />
          </div>
        </>
      ) : (
        <Text size="sm">{t('security.recovery.none')}</Text>
      )}
    </Stack>
  );
}
