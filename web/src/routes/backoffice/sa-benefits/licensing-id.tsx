import { Alert, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { operatorBenefitsQuery } from '../../../api/sa-backoffice';
import type { Benefit } from '../../../api/software-assurance';
import { HoldChange } from '../../../components/backoffice/sa/HoldChange';
import { EmptyNotice } from '../../../components/EmptyNotice';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { DataTable } from '../../../components/licensing/DataTable';
import { AnchorLink } from '../../../components/links';
import { BenefitStatusBadge } from '../../../components/software-assurance/BenefitCells';
import { benefitColumns } from '../../../components/software-assurance/benefitColumns';
import { formatDate } from '../../../lib/format';
import { usePageTitle } from '../../../lib/usePageTitle';

/**
 * R-SA-1, R-SA-2: the benefits of any customer's Licensing ID as the publisher sees them: status,
 * eligible and remaining quantity, and HAR set or lifted with a reason. An expired benefit takes
 * no further action.
 */
export function OperatorLicensingIdBenefitsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('saBackoffice.benefits.title'));
  const { licensingId } = useParams({ from: '/_app/operator/sa-benefits/$licensingId' });
  const benefits = useQuery(operatorBenefitsQuery(licensingId));
  const [notice, setNotice] = useState<string | null>(null);
  const data = benefits.data;
  const holdOf = (b: Benefit) => (b.status === 'HAR' ? data?.holds.find((h) => h.benefit === b.benefit) : undefined);
  // A held benefit says since when and why, so the next operator knows what lifting it depends on.
  const status = (b: Benefit) => {
    const hold = holdOf(b);
    return (
      <Stack gap={4} align="flex-start">
        <BenefitStatusBadge status={b.status} />
        {hold && (
          <Text size="xs" data-testid="hold-reason">
            {hold.reason
              ? t('saBackoffice.benefits.heldFor', { date: formatDate(hold.since.slice(0, 10), i18n.language), reason: hold.reason })
              : t('saBackoffice.benefits.heldSince', { date: formatDate(hold.since.slice(0, 10), i18n.language) })}
          </Text>
        )}
      </Stack>
    );
  };
  const action = (b: Benefit) =>
    data && b.status !== 'EXPIRED' ? (
      <HoldChange licensingId={licensingId} number={data.licensingId.number} benefit={b} onDone={setNotice} />
    ) : (
      <Text size="sm" c="dimmed">
        {t('softwareAssurance.detail.expired')}
      </Text>
    );
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/sa-benefits" search={{ number: data?.licensingId.number ?? '' }} size="sm" w="fit-content">
        {t('saBackoffice.benefits.back')}
      </AnchorLink>
      <Title order={1}>
        {data ? t('saBackoffice.benefits.heading', { number: data.licensingId.number }) : t('saBackoffice.benefits.title')}
      </Title>
      <div role="status">
        {notice && (
          <Alert
            color="green"
            variant="outline"
            title={t('saBackoffice.benefits.doneTitle')}
            withCloseButton
            onClose={() => setNotice(null)}
            closeButtonLabel={t('common.close')}
          >
            {notice}
          </Alert>
        )}
      </div>
      {benefits.isPending && <Loading />}
      {benefits.isError && <ErrorAlert error={benefits.error} />}
      {data && (
        <>
          <Text maw={760}>
            {t('saBackoffice.benefits.intro', {
              name: data.licensingId.name,
              organization: data.licensingId.organization,
              asOf: data.asOf,
            })}
          </Text>
          {data.benefits.length === 0 ? (
            <EmptyNotice
              title={t('softwareAssurance.detail.emptyTitle')}
              description={t('saBackoffice.benefits.empty')}
              data-testid="empty"
            />
          ) : (
            <DataTable
              caption={t('saBackoffice.benefits.caption', { number: data.licensingId.number })}
              rows={data.benefits}
              rowKey={(b) => b.benefit}
              rowAttributes={(b) => ({ 'data-benefit': b.benefit })}
              minWidth={760}
              columns={benefitColumns(t, { status, withUsed: false, action })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
