import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '../../api/identity';
import { CopyField } from '../identity/CopyField';
import { QrCode } from './QrCode';
import { SecurityError } from './SecurityError';

/** The secret in groups of four, as authenticator apps show a key to type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Setting up an authenticator app: the QR code to scan (or the key to type), then the first code,
 * which confirms that the app and the server agree.
 */
export function TotpSetupForm({
  setup,
  onConfirm,
  onCancel,
  pending,
  error,
}: {
  setup: TotpSetup;
  onConfirm: (code: string) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    const ok = /^\d{6}$/.test(digits);
    setMissing(!ok);
    if (ok) onConfirm(digits);
  };
  return (
    <Stack gap="md" data-testid="totp-setup">
      <Text size="sm">{t('security.totp.scan')}</Text>
      <QrCode value={setup.uri} label={t('security.totp.qrLabel')} />
      <CopyField
        label={t('security.totp.keyLabel')}
        description={t('security.totp.manual')}
        value={grouped(setup.secret)}
        testId="totp-secret"
      />
      <form noValidate onSubmit={onSubmit} aria-label={t('security.totp.confirmForm')}>
        <Stack gap="sm">
          <TextInput
            label={t('security.totp.enterCode')}
            description={t('security.totp.codeHelp')}
            name="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            maw={220}
            value={code}
            error={missing ? t('security.totp.codeRequired') : undefined}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
          {error !== undefined && error !== null && <SecurityError error={error} />}
          <Group gap="sm">
            <Button type="submit" loading={pending}>
              {t('security.totp.confirm')}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
