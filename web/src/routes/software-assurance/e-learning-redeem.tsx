import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { redeemElearning } from '../../api/software-assurance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-SA-4, the employee's side: redeem the access code with the signed-in work address, once. */
export function ElearningRedeemPage() {
  const { t } = useTranslation();
  usePageTitle(t('softwareAssurance.elearningRedeem.title'));
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const redeem = useMutation({ mutationFn: (c: string) => redeemElearning(c) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const c = code.trim();
    setError(c ? undefined : t('softwareAssurance.elearningRedeem.codeRequired'));
    if (c) redeem.mutate(c);
  };
  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{t('softwareAssurance.elearningRedeem.title')}</Title>
      <Text>{t('softwareAssurance.elearningRedeem.intro')}</Text>
      <form noValidate onSubmit={onSubmit} data-testid="redeem-elearning">
        <Stack>
          <TextInput
            label={t('softwareAssurance.elearningRedeem.code')}
            name="accessCode"
            autoComplete="off"
            required
            value={code}
            error={error}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          {redeem.isError && <ErrorAlert error={redeem.error} />}
          {redeem.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="elearning-redeemed">
              {t(redeem.data.alreadyRedeemed ? 'softwareAssurance.elearningRedeem.already' : 'softwareAssurance.elearningRedeem.done', {
                organization: redeem.data.organization,
                email: redeem.data.email,
              })}
            </Alert>
          )}
          <Button type="submit" loading={redeem.isPending} w="fit-content">
            {t('softwareAssurance.elearningRedeem.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
