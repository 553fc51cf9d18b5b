import { Alert, Button, Divider, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { securityQuery } from '../../api/identity';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { SectionPanel } from '../SectionPanel';
import { PasskeySection } from './PasskeySection';
import { RecoveryCodesShown } from './RecoveryCodesShown';
import { RecoverySection } from './RecoverySection';
import { TotpSection } from './TotpSection';

/**
 * The profile's "Sign-in security": the second factor of a password account (an authenticator app,
 * passkeys) and its recovery codes. An SSO account is told that its identity provider's MFA applies.
 */
export function SignInSecurity() {
  const { t } = useTranslation();
  const overview = useQuery(securityQuery);
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <SectionPanel headingId="sign-in-security" title={t('security.section.heading')}>
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorAlert error={overview.error} />}
      {overview.isSuccess && !overview.data.applies && <Text size="sm">{t('security.section.sso')}</Text>}
      {overview.isSuccess && overview.data.applies && (
        <>
          <Text size="sm">{t('security.section.intro')}</Text>
          {overview.data.organizationRequires && (
            <Alert color="blue" variant="outline" role="note">
              {t('security.section.required')}
            </Alert>
          )}
          {codes && (
            <RecoveryCodesShown codes={codes}>
              <div>
                <Button size="xs" onClick={() => setCodes(null)}>
                  {t('security.recovery.saved')}
                </Button>
              </div>
            </RecoveryCodesShown>
          )}
          <TotpSection overview={overview.data} onRecoveryCodes={setCodes} />
          <Divider />
          <PasskeySection overview={overview.data} onRecoveryCodes={setCodes} />
          <Divider />
          <RecoverySection overview={overview.data} onRecoveryCodes={setCodes} />
        </>
      )}
    </SectionPanel>
  );
}
