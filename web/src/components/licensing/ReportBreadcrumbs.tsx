import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { licensingIdReportQuery } from '../../api/licensing';

/** Licenses › Relationship Summary › Licensing ID › (an agreement report). */
export function ReportBreadcrumbs({
  licensingId,
  current,
}: {
  licensingId: string;
  /** The page itself when it is an agreement report below the Licensing ID. */
  current?: string;
}) {
  const { t } = useTranslation();
  // Usually cached already: the agreement reports are reached from the Licensing ID report.
  const number = useQuery(licensingIdReportQuery(licensingId)).data?.licensingId.number;
  const idLabel = number ? t('licensing.report.title', { number }) : t('licensing.report.titleLoading');
  return (
    <nav aria-label={t('licensing.breadcrumbs')}>
      <Breadcrumbs separator="›" separatorMargin="xs" style={{ flexWrap: 'wrap' }}>
        <Anchor component={Link} to="/licenses" size="sm">
          {t('nav.licenses')}
        </Anchor>
        <Anchor component={Link} to="/licenses/relationship-summary" size="sm">
          {t('nav.relationshipSummary')}
        </Anchor>
        {current ? (
          <Anchor component={Link} to={`/licenses/licensing-ids/${licensingId}`} size="sm">
            {idLabel}
          </Anchor>
        ) : (
          <Text size="sm" aria-current="page">
            {idLabel}
          </Text>
        )}
        {current && (
          <Text size="sm" aria-current="page">
            {current}
          </Text>
        )}
      </Breadcrumbs>
    </nav>
  );
}
