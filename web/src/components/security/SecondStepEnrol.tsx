import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { completeEnrolment, enrolPasskeyOptionsAtSignIn, enrolTotpAtSignIn, type SecondStep } from '../../api/identity';
import type { Me } from '../../api/types';
import { NewPasskeyForm } from './NewPasskeyForm';
import { RecoveryCodesShown } from './RecoveryCodesShown';
import { SecurityError } from './SecurityError';
import { TotpSetupForm } from './TotpSetupForm';
import { createPasskey } from './webauthn';

/**
 * The organization requires a second factor and the user has none: after the password they set
 * one up here (an authenticator app or a passkey), and only then is there a session. The first
 * factor's recovery codes are shown once before going on.
 */
export function SecondStepEnrol({
  step,
  onSignedIn,
  onRestart,
}: {
  step: SecondStep;
  onSignedIn: (user: Me) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const totp = useMutation({ mutationFn: () => enrolTotpAtSignIn(step.challenge) });
  const enrol = useMutation({
    mutationFn: async (input: { method: 'totp'; code: string } | { method: 'passkey'; name: string }) => {
      if (input.method === 'totp') return completeEnrolment(step.challenge, input);
      const response = await createPasskey(await enrolPasskeyOptionsAtSignIn(step.challenge));
      return completeEnrolment(step.challenge, { method: 'passkey', name: input.name, response });
    },
  });
  const expired = problemCode(enrol.error) === 'SECOND_STEP_EXPIRED' || problemCode(totp.error) === 'SECOND_STEP_EXPIRED';

  if (enrol.isSuccess) {
    const { user, recoveryCodes } = enrol.data;
    return (
      <Stack gap="md" data-testid="second-step-enrolled">
        <Text role="status">{t('security.signIn.enrolled')}</Text>
        {recoveryCodes ? (
          <RecoveryCodesShown codes={recoveryCodes}>
            <div>
              <Button onClick={() => onSignedIn(user)}>{t('security.signIn.continue')}</Button>
            </div>
          </RecoveryCodesShown>
        ) : (
          <Group>
            <Button onClick={() => onSignedIn(user)}>{t('security.signIn.continue')}</Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="second-step-enrol">
      <Alert color="blue" variant="outline" role="note">
        {t('security.signIn.enrolIntro')}
      </Alert>
      {totp.isSuccess ? (
        <TotpSetupForm
          setup={totp.data}
          onConfirm={(code) => enrol.mutate({ method: 'totp', code })}
          onCancel={() => {
            totp.reset();
            enrol.reset();
          }}
          pending={enrol.isPending}
          error={enrol.error}
        />
      ) : (
        <>
          <Stack gap="xs">
            <Text fw={600}>{t('security.signIn.enrolTotp')}</Text>
            <Text size="sm">{t('security.totp.intro')}</Text>
            <Group>
              <Button variant="outline" onClick={() => totp.mutate()} loading={totp.isPending}>
                {t('security.totp.setUp')}
              </Button>
            </Group>
          </Stack>
          {step.methods.includes('passkey') && (
            <NewPasskeyForm
              label={t('security.signIn.enrolPasskey')}
              pending={enrol.isPending}
              onAdd={(name) => enrol.mutate({ method: 'passkey', name })}
            >
              <Stack gap="xs" mb="xs">
                <Text fw={600}>{t('security.signIn.enrolPasskey')}</Text>
                <Text size="sm">{t('security.passkeys.intro')}</Text>
              </Stack>
            </NewPasskeyForm>
          )}
          {enrol.isError && <SecurityError error={enrol.error} />}
        </>
      )}
      {totp.isError && <SecurityError error={totp.error} />}
      {expired ? (
        <Group>
          <Button variant="outline" onClick={onRestart}>
            {t('security.signIn.signInAgain')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Anchor component="button" type="button" size="sm" onClick={onRestart}>
            {t('security.signIn.startOver')}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
