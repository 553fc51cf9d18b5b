import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemCode } from '../../api/client';
import { completeSecondStep, type SecondFactorMethod, type SecondStep, signInPasskeyOptions } from '../../api/identity';
import type { Me } from '../../api/types';
import { SecurityError } from './SecurityError';
import { signWithPasskey } from './webauthn';

/** A typed code (authenticator app or recovery code), checked only for being there before it is sent. */
function CodeForm({ method, onSubmit, pending }: { method: 'totp' | 'recovery'; onSubmit: (code: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = code.trim();
    setMissing(!trimmed);
    if (trimmed) onSubmit(trimmed);
  };
  const totp = method === 'totp';
  return (
    <form noValidate onSubmit={submit} aria-label={t(`security.signIn.${method}Form`)}>
      <Stack gap="sm">
        <TextInput
          label={totp ? t('security.signIn.totpCode') : t('security.signIn.recoveryCode')}
          description={totp ? t('security.signIn.totpHelp') : t('security.signIn.recoveryHelp')}
          name={totp ? 'totp-code' : 'recovery-code'}
          inputMode={totp ? 'numeric' : 'text'}
          autoComplete={totp ? 'one-time-code' : 'off'}
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          maw={260}
          value={code}
          error={missing ? t(totp ? 'security.signIn.totpRequired' : 'security.signIn.recoveryRequired') : undefined}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={pending}>
            {t('security.signIn.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The sign-in's second step: a code of the authenticator app, a passkey, or a recovery code. */
export function SecondStepVerify({
  step,
  onSignedIn,
  onRestart,
}: {
  step: SecondStep;
  onSignedIn: (user: Me) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<SecondFactorMethod>(step.methods[0] ?? 'recovery');
  const verify = useMutation({
    mutationFn: async (input: { method: 'totp' | 'recovery'; code: string } | { method: 'passkey' }) => {
      if (input.method !== 'passkey') return completeSecondStep(step.challenge, input);
      const response = await signWithPasskey(await signInPasskeyOptions(step.challenge));
      return completeSecondStep(step.challenge, { method: 'passkey', response });
    },
    onSuccess: ({ user }) => onSignedIn(user),
  });
  const expired = problemCode(verify.error) === 'SECOND_STEP_EXPIRED';
  const choose = (next: SecondFactorMethod) => {
    verify.reset();
    setMethod(next);
  };

  return (
    <Stack gap="md" data-testid="second-step">
      <Text>{t(`security.signIn.${method}Intro`)}</Text>
      {method === 'passkey' ? (
        <Group>
          <Button onClick={() => verify.mutate({ method: 'passkey' })} loading={verify.isPending}>
            {t('security.signIn.passkeyButton')}
          </Button>
        </Group>
      ) : (
        <CodeForm key={method} method={method} pending={verify.isPending} onSubmit={(code) => verify.mutate({ method, code })} />
      )}
      {verify.isError && <SecurityError error={verify.error} />}
      {expired ? (
        <Group>
          <Button variant="outline" onClick={onRestart}>
            {t('security.signIn.signInAgain')}
          </Button>
        </Group>
      ) : (
        <Stack gap={6} align="flex-start">
          {step.methods
            .filter((other) => other !== method)
            .map((other) => (
              <Anchor key={other} component="button" type="button" size="sm" onClick={() => choose(other)}>
                {t(`security.signIn.use.${other}`)}
              </Anchor>
            ))}
          <Anchor component="button" type="button" size="sm" onClick={onRestart}>
            {t('security.signIn.startOver')}
          </Anchor>
        </Stack>
      )}
    </Stack>
  );
}
