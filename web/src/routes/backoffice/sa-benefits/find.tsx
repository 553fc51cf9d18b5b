import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { licensingIdMatchesQuery } from '../../../api/sa-backoffice';
import { EmptyNotice } from '../../../components/EmptyNotice';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { ScrollTable } from '../../../components/tables';
import { programName } from '../../../lib/programName';
import { usePageTitle } from '../../../lib/usePageTitle';

/** R-SA-1, R-SA-2: the publisher finds a customer's Licensing ID by its number, to see and hold its benefits. */
export function FindLicensingIdPage() {
  const { t } = useTranslation();
  usePageTitle(t('saBackoffice.find.title'));
  const { number } = useSearch({ from: '/_app/operator/sa-benefits' });
  const navigate = useNavigate({ from: '/operator/sa-benefits' });
  const [typed, setTyped] = useState(number);
  const [problem, setProblem] = useState<string | undefined>();
  const matches = useQuery(licensingIdMatchesQuery(number));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typed.trim();
    setProblem(value ? undefined : t('saBackoffice.find.numberRequired'));
    if (value) navigate({ search: { number: value } });
  };
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('saBackoffice.find.title')}</Title>
        <Text maw={760}>{t('saBackoffice.find.intro')}</Text>
      </Stack>
      <ButtonLink to="/operator/sa-benefit-rules" variant="outline" w="fit-content">
        {t('saBackoffice.find.rulesLink')}
      </ButtonLink>
      <form noValidate onSubmit={onSubmit}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('saBackoffice.find.number')}
            description={t('saBackoffice.find.numberHelp')}
            value={typed}
            error={problem}
            maxLength={40}
            w={{ base: '100%', xs: 320 }}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit">{t('saBackoffice.find.search')}</Button>
        </Group>
      </form>
      {number && matches.isPending && <Loading />}
      {matches.isError && <ErrorAlert error={matches.error} />}
      {number && matches.data && matches.data.items.length === 0 && (
        <EmptyNotice
          title={t('saBackoffice.find.noneTitle')}
          description={t('saBackoffice.find.none', { number })}
          data-testid="no-match"
        />
      )}
      {matches.data && matches.data.items.length > 0 && (
        <ScrollTable
          caption={t('saBackoffice.find.caption', { number })}
          minWidth={640}
          columns={[
            t('saBackoffice.find.licensingId'),
            t('saBackoffice.find.name'),
            t('saBackoffice.find.organization'),
            t('saBackoffice.find.program'),
          ]}
        >
          {matches.data.items.map((m) => (
            <Table.Tr key={m.id} data-licensing-id={m.number}>
              <Table.Th scope="row">
                <AnchorLink
                  to="/operator/sa-benefits/$licensingId"
                  params={{ licensingId: m.id }}
                  aria-label={t('saBackoffice.find.open', { number: m.number })}
                >
                  {m.number}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>
                {m.city ? t('saBackoffice.find.organizationIn', { organization: m.organization, city: m.city }) : m.organization}
              </Table.Td>
              <Table.Td>{programName(t, m.programCode, null)}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </Stack>
  );
}
