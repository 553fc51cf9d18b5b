import { useTranslation } from 'react-i18next';
import type { SupportTopic } from '../../api/support';
import { AnchorLink } from '../links';

/** "Contact support": wherever the portal tells a user to contact support, it links to the contact form (R-SUP-1). */
export function ContactSupportLink({ topic }: { topic?: SupportTopic }) {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/support/new" search={topic ? { topic } : {}} size="sm" w="fit-content" data-contact-support="">
      {t('support.contactLink')}
    </AnchorLink>
  );
}
