import { Alert, Button, Code, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addElearningDomain, type Benefit, elearningQuery, removeElearningDomain } from '../../api/software-assurance';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { AnchorLink } from '../links';
import { SectionPanel } from '../SectionPanel';
import { ElearningParticipants } from './ElearningParticipants';

const refresh = (q: { queryKey: readonly unknown[] }) => ['sa-elearning', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0]));

/** R-SA-4: make a domain eligible; the server checks its form and refuses personal-mail domains. */
function AddDomainForm({ licensingId }: { licensingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: (d: string) => addElearningDomain(licensingId, d),
    onSuccess: () => {
      setDomain('');
      return queryClient.invalidateQueries({ predicate: refresh });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const d = domain.trim();
    setError(d ? undefined : t('softwareAssurance.elearning.domainRequired'));
    if (d) add.mutate(d);
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="add-domain">
      <Stack maw={520}>
        <TextInput
          label={t('softwareAssurance.elearning.domain')}
          description={t('softwareAssurance.elearning.domainHint')}
          name="domain"
          autoComplete="off"
          required
          value={domain}
          error={error}
          onChange={(e) => setDomain(e.currentTarget.value)}
        />
        {add.isError && <ErrorAlert error={add.error} />}
        {add.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            {t('softwareAssurance.elearning.added', { domain: add.variables.trim().toLowerCase() })}
          </Alert>
        )}
        <Button type="submit" loading={add.isPending} w="fit-content">
          {t('softwareAssurance.elearning.add')}
        </Button>
      </Stack>
    </form>
  );
}

/** The e-Learning benefit's own section: the access code, the eligible domains (removable after confirming), the form. */
export function Elearning({ licensingId, benefit }: { licensingId: string; benefit: Benefit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setup = useQuery(elearningQuery(licensingId));
  const remove = useMutation({
    mutationFn: (domain: string) => removeElearningDomain(licensingId, domain),
    onSuccess: () => queryClient.invalidateQueries({ predicate: refresh }),
  });
  const open = benefit.status === 'ACTIVATED';
  const s = setup.data;
  return (
    <SectionPanel headingId="e-learning" title={t('softwareAssurance.elearning.title')}>
      <Text maw={760}>{t('softwareAssurance.elearning.intro')}</Text>
      {setup.isError && <ErrorAlert error={setup.error} />}
      {s?.accessCode && (
        <Stack gap={4} data-testid="access-code">
          <Text fw={600}>{t('softwareAssurance.elearning.accessCode')}</Text>
          <Code fz="lg" w="fit-content">
            {s.accessCode}
          </Code>
          <Text size="sm">{t('softwareAssurance.elearning.accessCodeHint')}</Text>
          <AnchorLink to="/software-assurance/e-learning" w="fit-content">
            {t('softwareAssurance.elearning.joinLink')}
          </AnchorLink>
        </Stack>
      )}
      {s && !s.accessCode && s.hasAccessCode && <Text size="sm">{t('softwareAssurance.elearning.accessCodeHidden')}</Text>}
      {s && <Text size="sm">{t('softwareAssurance.elearning.participants', { count: s.participants })}</Text>}
      {s && s.domains.length === 0 && <Text c="dimmed">{t('softwareAssurance.elearning.noDomains')}</Text>}
      {s && s.domains.length > 0 && (
        <Stack gap="xs">
          <Text fw={600} id="elearning-domains">
            {t('softwareAssurance.elearning.domains')}
          </Text>
          {remove.isError && <ErrorAlert error={remove.error} />}
          <List aria-labelledby="elearning-domains" listStyleType="none" spacing="xs" data-testid="elearning-domains">
            {s.domains.map((d) => (
              <List.Item key={d}>
                <Group gap="sm" wrap="wrap">
                  <Text style={{ overflowWrap: 'anywhere' }}>{d}</Text>
                  {open && (
                    <ConfirmButton
                      label={t('softwareAssurance.elearning.remove')}
                      target={d}
                      title={t('softwareAssurance.elearning.removeTitle')}
                      question={t(
                        s.domains.length === 1
                          ? 'softwareAssurance.elearning.removeLastQuestion'
                          : 'softwareAssurance.elearning.removeQuestion',
                        { domain: d },
                      )}
                      confirmLabel={t('softwareAssurance.elearning.remove')}
                      loading={remove.isPending && remove.variables === d}
                      onConfirm={() => remove.mutate(d)}
                    />
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {s && (s.participants > 0 || s.domains.length > 0) && (
        <ElearningParticipants licensingId={licensingId} domains={s.domains} open={open} />
      )}
      {open ? (
        <AddDomainForm licensingId={licensingId} />
      ) : (
        <Text size="sm" c="dimmed">
          {t(`softwareAssurance.elearning.closed.${benefit.status}`)}
        </Text>
      )}
    </SectionPanel>
  );
}
