import { useTranslation } from 'react-i18next';
import { NoAccess } from '../EmptyNotice';
import { AnchorLink } from '../links';

/** R-PERM-12: administration pages show only Licensing IDs the user administers; here there are none. */
export function NoAdministeredIds() {
  const { t } = useTranslation();
  return (
    <NoAccess
      title={t('administration.noAdmin.title')}
      description={
        <>
          {t('administration.noAdmin.description')}{' '}
          <AnchorLink to="/administration/request-permissions">{t('administration.noAdmin.request')}</AnchorLink>
        </>
      }
    />
  );
}
