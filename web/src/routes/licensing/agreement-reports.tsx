import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mbsaReportQuery, parentReportQuery } from '../../api/licensing';
import type { Agreement } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { ContactsTable } from '../../components/licensing/ContactsTable';
import { Facts } from '../../components/licensing/Facts';
import { ListedIds } from '../../components/licensing/ListedIds';
import { ReportBreadcrumbs } from '../../components/licensing/ReportBreadcrumbs';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';

function AgreementFacts({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  return (
    <Facts
      items={[
        { key: 'number', label: t('licensing.report.agreementNumber'), value: agreement.number },
        {
          key: 'program',
          label: t('relationship.columns.program'),
          value: programName(t, agreement.programCode, agreement.programName) || t('programs.MBSA'),
        },
        { key: 'status', label: t('relationship.columns.status'), value: <StatusBadge status={agreement.status} /> },
        { key: 'start', label: t('relationship.columns.startDate'), value: formatDate(agreement.startDate, i18n.language) },
        {
          key: 'end',
          label: t('relationship.columns.endDate'),
          value: agreement.endDate ? formatDate(agreement.endDate, i18n.language) : t('relationship.noEndDate'),
        },
      ]}
    />
  );
}

function Block({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Explains dimmed rows when a list has any (R-REL-5). */
function DimmedNote({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <Text size="sm" mt="xs">
      {t('licensing.report.dimmedIdsNote')}
    </Text>
  ) : null;
}

/** R-REL-4: the parent program agreement of a Licensing ID, its contacts and the organization's Licensing IDs under it. */
export function ParentReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId/parent-report' });
  const report = useQuery(parentReportQuery(licensingId));
  const r = report.data;
  const title = r ? t('licensing.report.parentTitle', { number: r.agreement.number }) : t('licensing.report.parentLink');
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <ReportBreadcrumbs licensingId={licensingId} current={t('licensing.report.parentLink')} />
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {r && (
        <>
          <Block title={t('licensing.report.details')}>
            <AgreementFacts agreement={r.agreement} />
          </Block>
          <Block title={t('licensing.report.contacts')}>
            <ContactsTable contacts={r.contacts} caption={t('licensing.report.contacts')} />
          </Block>
          <Block title={t('licensing.report.licensingIds')} testId="licensing-ids">
            <ListedIds items={r.licensingIds} caption={t('licensing.report.licensingIdsOf', { number: r.agreement.number })} />
            <DimmedNote show={r.licensingIds.some((l) => !l.visible)} />
          </Block>
        </>
      )}
    </Stack>
  );
}

/** R-REL-4, R-REL-2: the MBSA of a Licensing ID (never for Open programs) with its parent agreements and Licensing IDs. */
export function MbsaReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId/mbsa-report' });
  const report = useQuery(mbsaReportQuery(licensingId));
  const r = report.data;
  const title = r ? t('licensing.report.mbsaTitle', { number: r.mbsa.number }) : t('licensing.report.mbsaLink');
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <ReportBreadcrumbs licensingId={licensingId} current={t('licensing.report.mbsaLink')} />
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {r && (
        <>
          <Block title={t('licensing.report.details')}>
            <AgreementFacts agreement={r.mbsa} />
          </Block>
          <Block title={t('licensing.report.contacts')}>
            <ContactsTable contacts={r.contacts} caption={t('licensing.report.contacts')} />
          </Block>
          {r.parents.length === 0 && <Text>{t('licensing.report.noLicensingIds')}</Text>}
          {r.parents.map((p) => {
            const heading = t('licensing.report.parentTitle', { number: p.agreement.number });
            return (
              <Block key={p.agreement.id} title={heading} testId={`parent-${p.agreement.number}`}>
                <Text size="sm" mb="xs">
                  {[programName(t, p.agreement.programCode, p.agreement.programName), t(`statuses.${p.agreement.status}`)]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                <ListedIds items={p.licensingIds} caption={t('licensing.report.licensingIdsOf', { number: p.agreement.number })} />
                <DimmedNote show={p.licensingIds.some((l) => !l.visible)} />
              </Block>
            );
          })}
        </>
      )}
    </Stack>
  );
}
