import { Alert, Anchor, Group, Stack, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { cancelPartnerChange, partnerChangeFormUrl, partnerChangeQuery } from '../../api/partner-change';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { PartnerChangeFacts } from '../../components/partner-change/PartnerChangeFacts';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-REL-6: one change of channel partner: its facts and statuses, cancel while in progress, the request form. */
export function PartnerChangePage() {
  const { t } = useTranslation();
  usePageTitle(t('partnerChange.list.title'));
  const { changeId } = useParams({ from: '/_app/licenses/partner-changes/$changeId' });
  const queryClient = useQueryClient();
  const change = useQuery(partnerChangeQuery(changeId));
  const cancel = useMutation({
    mutationFn: () => cancelPartnerChange(changeId),
    onSuccess: (data) => {
      queryClient.setQueryData(partnerChangeQuery(changeId).queryKey, data);
      return queryClient.invalidateQueries({ queryKey: ['partner-changes'] });
    },
  });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('partnerChange.list.title')}</Title>
      <AnchorLink to="/licenses/partner-changes" w="fit-content">
        {t('partnerChange.detail.back')}
      </AnchorLink>
      {change.isPending && <Loading />}
      {change.isError && <ErrorAlert error={change.error} />}
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      {cancel.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('partnerChange.detail.canceled')}
        </Alert>
      )}
      {change.isSuccess && (
        <>
          <PartnerChangeFacts change={change.data} />
          <Group>
            <Anchor href={partnerChangeFormUrl(changeId, 'customer')} download>
              {t('partnerChange.detail.download')}
            </Anchor>
            {change.data.status === 'IN_PROGRESS' && (
              <ConfirmButton
                label={t('partnerChange.detail.cancel')}
                title={t('partnerChange.detail.cancelTitle')}
                question={t('partnerChange.detail.cancelQuestion', {
                  reference: change.data.reference,
                  licensingIds: change.data.lines.map((l) => l.number).join(', '),
                })}
                confirmLabel={t('partnerChange.detail.cancel')}
                onConfirm={() => cancel.mutate()}
                loading={cancel.isPending}
                size="sm"
              />
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
