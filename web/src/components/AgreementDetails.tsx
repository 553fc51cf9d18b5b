import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../api/types';
import { formatDate } from '../lib/format';

/** One line with an agreement's status and term. */
export function AgreementDetails({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const values = {
    status: t(`statuses.${agreement.status}`),
    start: formatDate(agreement.startDate, i18n.language),
    end: agreement.endDate ? formatDate(agreement.endDate, i18n.language) : '',
  };
  return <Text size="sm">{t(agreement.endDate ? 'relationship.agreementDetails' : 'relationship.agreementDetailsOpenEnded', values)}</Text>;
}
