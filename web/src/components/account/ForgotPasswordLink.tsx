import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../links';

/** The sign-in page's way to account recovery. */
export function ForgotPasswordLink() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/forgot-password" size="sm" w="fit-content">
      {t('account.forgot.link')}
    </AnchorLink>
  );
}
