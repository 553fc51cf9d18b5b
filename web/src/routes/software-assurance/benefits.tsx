import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { activateBenefit, type Benefit, type BenefitCode, licensingIdBenefitsQuery } from '../../api/software-assurance';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { BenefitUsers } from '../../components/software-assurance/BenefitUsers';
import { benefitColumns } from '../../components/software-assurance/benefitColumns';
import { Elearning } from '../../components/software-assurance/Elearning';
import { TrainingVouchers } from '../../components/software-assurance/TrainingVouchers';
import { usePageTitle } from '../../lib/usePageTitle';

/** What can be done with a benefit now: activate it (after confirming), or why nothing can. */
function BenefitAction({
  benefit,
  number,
  onActivate,
  busy,
}: {
  benefit: Benefit;
  number: string;
  onActivate: (b: BenefitCode) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const name = t(`softwareAssurance.benefits.${benefit.benefit}`);
  if (benefit.status === 'REQUIRES_ACTIVATION') {
    return (
      <ConfirmButton
        label={t('softwareAssurance.detail.activate')}
        target={name}
        title={t('softwareAssurance.detail.activateTitle', { benefit: name })}
        question={t('softwareAssurance.detail.activateQuestion', { benefit: name, number })}
        confirmLabel={t('softwareAssurance.detail.activate')}
        destructive={false}
        loading={busy}
        onConfirm={() => onActivate(benefit.benefit)}
      />
    );
  }
  const note =
    benefit.status === 'HAR' ? 'held' : benefit.status === 'EXPIRED' ? 'expired' : benefit.requiresActivation ? null : 'noActivation';
  return note ? (
    <Text size="sm" c="dimmed">
      {t(`softwareAssurance.detail.${note}`)}
    </Text>
  ) : null;
}

/** R-SA-1, R-SA-2: the benefits of one Licensing ID, with Activate for those that require it. */
export function LicensingIdBenefitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('softwareAssurance.detail.title'));
  const { licensingId } = useParams({ from: '/_app/software-assurance/$licensingId' });
  const queryClient = useQueryClient();
  const benefits = useQuery(licensingIdBenefitsQuery(licensingId));
  const activate = useMutation({
    mutationFn: (benefit: BenefitCode) => activateBenefit(licensingId, benefit),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sa-benefits' || q.queryKey[0] === 'sa-summary' }),
  });
  const forbidden = benefits.error instanceof ApiError && (benefits.error.code === 'FORBIDDEN' || benefits.error.code === 'NOT_FOUND');
  const data = benefits.data;
  const vouchers = data?.benefits.find((b) => b.benefit === 'TRAINING_VOUCHERS');
  const elearning = data?.benefits.find((b) => b.benefit === 'E_LEARNING');
  const homeUse = data?.benefits.find((b) => b.benefit === 'HOME_USE_PROGRAM');
  return (
    <Stack gap="lg">
      <AnchorLink to="/software-assurance" search={{ sort: 'organization', order: 'asc', page: 1 }} w="fit-content">
        {t('softwareAssurance.detail.back')}
      </AnchorLink>
      <Title order={1}>
        {data ? t('softwareAssurance.detail.heading', { number: data.licensingId.number }) : t('softwareAssurance.detail.title')}
      </Title>
      {benefits.isPending && <Loading />}
      {forbidden && <NoAccess title={t('softwareAssurance.detail.noAccessTitle')} description={t('softwareAssurance.detail.noAccess')} />}
      {benefits.isError && !forbidden && <ErrorAlert error={benefits.error} />}
      {data && (
        <>
          <Text maw={760}>
            {t('softwareAssurance.detail.intro', { name: data.licensingId.name, organization: data.licensingId.organization })}
          </Text>
          {activate.isError && <ErrorAlert error={activate.error} />}
          {activate.isSuccess && (
            <Alert color="green" variant="outline" role="status" data-testid="activated">
              {t('softwareAssurance.detail.activated', { benefit: t(`softwareAssurance.benefits.${activate.data.benefit}`) })}
            </Alert>
          )}
          {data.benefits.length === 0 ? (
            <EmptyNotice
              title={t('softwareAssurance.detail.emptyTitle')}
              description={t('softwareAssurance.detail.empty')}
              data-testid="empty"
            />
          ) : (
            <DataTable
              caption={t('softwareAssurance.detail.caption', { number: data.licensingId.number })}
              rows={data.benefits}
              rowKey={(b) => b.benefit}
              rowAttributes={(b) => ({ 'data-benefit': b.benefit })}
              minWidth={760}
              columns={benefitColumns(t, {
                withUsed: true,
                action: (b) => (
                  <BenefitAction
                    benefit={b}
                    number={data.licensingId.number}
                    onActivate={(code) => activate.mutate(code)}
                    busy={activate.isPending && activate.variables === b.benefit}
                  />
                ),
              })}
            />
          )}
          {elearning && <Elearning licensingId={licensingId} benefit={elearning} />}
          {homeUse && <BenefitUsers licensingId={licensingId} benefit={{ ...homeUse, benefit: 'HOME_USE_PROGRAM' }} />}
          {vouchers && <TrainingVouchers licensingId={licensingId} benefit={vouchers} />}
        </>
      )}
    </Stack>
  );
}
