import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../links';

/** The Enterprise family: the programs whose channel partner the customer may change here (R-REL-6; the API has the last word). */
const PROGRAMS = ['ENTERPRISE', 'ENTERPRISE_SUBSCRIPTION', 'ENTERPRISE_GOV_PARTNERS'];

/** R-REL-6: from a Licensing ID's contacts, the way to change its channel partner, for its Administrators. */
export function ChangePartnerLink({ id, programCode, roles }: { id: string; programCode: string | null; roles: readonly string[] }) {
  const { t } = useTranslation();
  if (!roles.includes('ADMINISTRATOR') || !PROGRAMS.includes(programCode ?? '')) return null;
  return (
    <AnchorLink to="/licenses/partner-changes/new" search={{ licensingId: id }} mt="xs" display="inline-block">
      {t('partnerChange.reportLink')}
    </AnchorLink>
  );
}
