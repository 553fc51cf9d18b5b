import { Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deleteExport, EXPORTS_POLL_MS, type ExportJob, exportFileUrl, isUnderWay, myExportsQuery } from '../../api/exports';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime } from '../../components/downloads/format';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { ButtonLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

/** How far a job is, in percent; unknown until the run has counted its rows. */
const percentOf = (job: ExportJob) =>
  job.state === 'DONE' ? 100 : job.rowsTotal ? Math.min(100, Math.round((job.rowsDone / job.rowsTotal) * 100)) : 0;

function JobProgress({ job }: { job: ExportJob }) {
  const { t } = useTranslation();
  const percent = percentOf(job);
  const label = t('exports.progressLabel', { file: job.fileName });
  const text =
    job.rowsTotal === null
      ? t('exports.rowsSoFar', { done: job.rowsDone })
      : t('exports.rows', { done: job.rowsDone, total: job.rowsTotal });
  return (
    <Stack gap={4} miw={140}>
      <Progress.Root>
        <Progress.Section
          value={percent}
          aria-label={label}
          aria-valuetext={text}
          animated={job.state === 'RUNNING'}
          data-progress={percent}
        />
      </Progress.Root>
      <Text size="xs">{text}</Text>
    </Stack>
  );
}

function JobRow({ job }: { job: ExportJob }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteExport(job.id),
    onSettled: () => client.invalidateQueries({ queryKey: ['exports'] }),
  });
  return (
    <Table.Tr data-export-id={job.id} data-export-state={job.state}>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{job.fileName}</Table.Td>
      <Table.Td>{t(`exports.kinds.${job.kind}`, { defaultValue: job.kind })}</Table.Td>
      <Table.Td>{formatDateTime(job.createdAt, i18n.language)}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t(`exports.states.${job.state}`)}
        </Text>
        {job.state === 'FAILED' && job.errorCode && <Text size="xs">{t(`errors.${job.errorCode}`, { defaultValue: job.errorCode })}</Text>}
        {job.state === 'DONE' && job.expiresAt && (
          <Text size="xs">{t('exports.expires', { date: formatDateTime(job.expiresAt, i18n.language) })}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <JobProgress job={job} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          {job.state === 'DONE' && (
            <Button
              component="a"
              size="xs"
              href={exportFileUrl(job.id)}
              download
              aria-label={t('common.labelFor', { label: t('exports.download'), target: job.fileName })}
            >
              {t('exports.download')}
            </Button>
          )}
          <ConfirmButton
            label={isUnderWay(job.state) ? t('exports.cancel') : t('exports.delete')}
            target={job.fileName}
            question={
              isUnderWay(job.state)
                ? t('exports.cancelQuestion', { file: job.fileName })
                : t('exports.deleteQuestion', { file: job.fileName })
            }
            confirmLabel={isUnderWay(job.state) ? t('exports.cancel') : t('exports.delete')}
            loading={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Issue 15: the user's background exports, with progress while they run and the file when done. */
export function ExportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exports.title'));
  const jobs = useInfiniteQuery({
    ...myExportsQuery,
    // Read again while any job is under way, so the progress bars move and Download appears.
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((j) => isUnderWay(j.state))) ? EXPORTS_POLL_MS : false),
  });
  const rows = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <Title order={1}>{t('exports.title')}</Title>
      <Text maw={760}>{t('exports.intro')}</Text>
      <ButtonLink variant="outline" to="/downloads/product-keys" search={{}} w="fit-content">
        {t('exports.toKeys')}
      </ButtonLink>
      {jobs.isPending && <Loading />}
      {jobs.isError && <ErrorAlert error={jobs.error} />}
      {jobs.isSuccess && rows.length === 0 && (
        <EmptyNotice title={t('exports.noneTitle')} description={t('exports.none')} data-state="empty" />
      )}
      {rows.length > 0 && (
        <ScrollTable
          caption={t('exports.caption')}
          minWidth={880}
          columns={[
            t('exports.columns.file'),
            t('exports.columns.kind'),
            t('exports.columns.requested'),
            t('exports.columns.state'),
            { label: t('exports.columns.progress'), minWidth: 160 },
            t('exports.columns.actions'),
          ]}
        >
          {rows.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ScrollTable>
      )}
      {jobs.hasNextPage && (
        <Button variant="default" w="fit-content" loading={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>
          {t('exports.more')}
        </Button>
      )}
    </Stack>
  );
}
