import { Button, Checkbox, Fieldset, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerChangeCandidatesQuery, type StartPartnerChange, startPartnerChange } from '../../api/partner-change';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/tables';
import { programName } from '../../lib/programName';
import { usePageTitle } from '../../lib/usePageTitle';

type Field = 'licensingIds' | 'partnerNumber' | 'contactName' | 'contactEmail';

/**
 * R-REL-6: an Administrator chooses Licensing IDs (those that cannot change say why), names the new
 * partner by its number and its notification contact, and sends the request.
 */
export function NewPartnerChangePage() {
  const { t } = useTranslation();
  usePageTitle(t('partnerChange.start.title'));
  const search = useSearch({ from: '/_app/licenses/partner-changes/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const candidates = useQuery(partnerChangeCandidatesQuery);
  const [chosen, setChosen] = useState<string[]>(search.licensingId ? [search.licensingId] : []);
  const [partnerNumber, setPartnerNumber] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const start = useMutation({
    mutationFn: (body: StartPartnerChange) => startPartnerChange(body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['partner-changes'] });
      await navigate({ to: '/licenses/partner-changes/$changeId', params: { changeId: created.id } });
    },
  });

  const choosable = new Set((candidates.data?.items ?? []).filter((c) => c.refusal === null).map((c) => c.id));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ids = chosen.filter((id) => choosable.has(id));
    const found: Partial<Record<Field, string>> = {};
    if (ids.length === 0) found.licensingIds = t('partnerChange.start.chooseOne');
    if (!partnerNumber.trim()) found.partnerNumber = t('partnerChange.start.required');
    if (!contactName.trim()) found.contactName = t('partnerChange.start.required');
    if (!contactEmail.trim()) found.contactEmail = t('partnerChange.start.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    start.mutate({
      licensingIds: ids,
      partnerNumber: partnerNumber.trim(),
      contact: { name: contactName.trim(), email: contactEmail.trim() },
    });
  };
  const toggle = (id: string, on: boolean) => setChosen((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <Stack gap="lg">
      <Title order={1}>{t('partnerChange.start.title')}</Title>
      <Text maw={760}>{t('partnerChange.start.intro')}</Text>
      <AnchorLink to="/licenses/partner-changes" w="fit-content">
        {t('partnerChange.start.back')}
      </AnchorLink>
      {candidates.isPending && <Loading />}
      {candidates.isError && <ErrorAlert error={candidates.error} />}
      {candidates.isSuccess && candidates.data.items.length === 0 && (
        <EmptyNotice title={t('partnerChange.start.noCandidatesTitle')} description={t('partnerChange.start.noCandidates')} />
      )}
      {start.isError && <ErrorAlert error={start.error} />}
      {candidates.isSuccess && candidates.data.items.length > 0 && (
        <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} maw={860}>
          <Stack>
            <Fieldset legend={t('partnerChange.start.licensingIds')}>
              <Stack gap="xs">
                <Text size="sm">{t('partnerChange.start.licensingIdsHelp')}</Text>
                {errors.licensingIds && (
                  <Text c="red.9" size="sm" role="alert">
                    {errors.licensingIds}
                  </Text>
                )}
                <ScrollTable
                  caption={t('partnerChange.start.licensingIds')}
                  minWidth={620}
                  columns={[
                    t('partnerChange.columns.choose'),
                    t('partnerChange.columns.licensingId'),
                    t('partnerChange.columns.program'),
                    t('partnerChange.columns.partnerOfRecord'),
                  ]}
                >
                  {candidates.data.items.map((c) => (
                    <Table.Tr key={c.id} data-licensing-id={c.number}>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('partnerChange.start.chooseLabel', { number: c.number })}
                          disabled={c.refusal !== null}
                          checked={c.refusal === null && chosen.includes(c.id)}
                          onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {c.number}
                        </Text>
                        <Text size="xs">{c.name}</Text>
                        {c.refusal && (
                          <Text size="xs" c="dimmed">
                            {t(`errors.${c.refusal}`)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{programName(t, c.programCode, null)}</Table.Td>
                      <Table.Td>
                        {c.partnerOfRecord ? t('partnerChange.facts.partnerNumber', c.partnerOfRecord) : t('partnerChange.facts.none')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </ScrollTable>
              </Stack>
            </Fieldset>
            <TextInput
              label={t('partnerChange.start.partnerNumber')}
              description={t('partnerChange.start.partnerNumberHelp')}
              required
              maxLength={40}
              value={partnerNumber}
              error={errors.partnerNumber}
              onChange={(e) => setPartnerNumber(e.currentTarget.value)}
            />
            <Fieldset legend={t('partnerChange.start.contactLegend')}>
              <Stack>
                <TextInput
                  label={t('partnerChange.start.contactName')}
                  required
                  maxLength={120}
                  autoComplete="off"
                  value={contactName}
                  error={errors.contactName}
                  onChange={(e) => setContactName(e.currentTarget.value)}
                />
                <TextInput
                  label={t('partnerChange.start.contactEmail')}
                  type="email"
                  required
                  maxLength={254}
                  autoComplete="off"
                  value={contactEmail}
                  error={errors.contactEmail}
                  onChange={(e) => setContactEmail(e.currentTarget.value)}
                />
              </Stack>
            </Fieldset>
            <Button type="submit" loading={start.isPending} w="fit-content">
              {t('partnerChange.start.submit')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
