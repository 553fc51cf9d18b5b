import { Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mbsaReportQuery, parentReportQuery } from '../../api/licensing';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListedIds } from '../../components/licensing/ListedIds';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REL-4: the parent program agreement of a Licensing ID and its Licensing IDs. */
export function ParentReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId/parent-report' });
  const report = useQuery(parentReportQuery(licensingId));
  const title = t('licensing.report.parentTitle', { number: report.data?.agreement.number ?? '' });
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.data && <ListedIds items={report.data.licensingIds} />}
    </Stack>
  );
}

/** R-REL-4, R-REL-2: the MBSA of a Licensing ID (not offered for Open programs) with its parent agreements. */
export function MbsaReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId/mbsa-report' });
  const report = useQuery(mbsaReportQuery(licensingId));
  const title = t('licensing.report.mbsaTitle', { number: report.data?.mbsa.number ?? '' });
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.data?.parents.map((p) => (
        <Paper key={p.agreement.number} withBorder p="md" component="section" aria-label={p.agreement.number}>
          <Title order={2} size="h4" mb="sm">
            {p.agreement.number}
          </Title>
          <ListedIds items={p.licensingIds} />
        </Paper>
      ))}
    </Stack>
  );
}
