import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Onboarding, onboardAgreement } from '../../api/backoffice';
import {
  type ContactRow,
  ContactRows,
  contactErrors,
  contactsBody,
  emptyContact,
  type FieldErrors,
  RefusedValues,
} from '../../components/backoffice/ContactRows';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { programName } from '../../lib/programName';
import { PROGRAM_CODES } from '../../lib/programs';
import { usePageTitle } from '../../lib/usePageTitle';

interface LicensingIdRow {
  number: string;
  name: string;
}
type Errors = FieldErrors;

const emptyLid = (): LicensingIdRow => ({ number: '', name: '' });

/**
 * The publisher onboards a customer (issue 12): the organization, one agreement with its program,
 * price level, term and MBSA, its Licensing IDs and its contacts of record (R-REL-6), who get their
 * roles and a welcome mail. All of it is written or none of it.
 */
export function OnboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.onboard.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [org, setOrg] = useState({ name: '', domains: '', country: '' });
  const [agr, setAgr] = useState({
    number: '',
    program: 'ENTERPRISE',
    priceLevel: '',
    startDate: '',
    endDate: '',
    mbsaNumber: '',
    channelPartnerNumber: '',
  });
  const [lids, setLids] = useState<LicensingIdRow[]>([emptyLid()]);
  const [contacts, setContacts] = useState<ContactRow[]>([emptyContact()]);
  const [errors, setErrors] = useState<Errors>({});

  const onboard = useMutation({
    mutationFn: (body: Onboarding) => onboardAgreement(body),
    onSuccess: async (record) => {
      await queryClient.invalidateQueries({ queryKey: ['operator-customers'] });
      await navigate({ to: '/operator/customers/$organizationId', params: { organizationId: record.organization.id } });
    },
  });

  const required = t('backoffice.form.required');
  const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : t('backoffice.form.dateInvalid'));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Errors = {
      orgName: org.name.trim() ? undefined : required,
      domains: org.domains.trim() ? undefined : required,
      country: /^[A-Za-z]{2}$/.test(org.country.trim()) ? undefined : t('backoffice.form.countryInvalid'),
      number: agr.number.trim() ? undefined : required,
      startDate: day(agr.startDate),
      endDate: agr.endDate ? day(agr.endDate) : undefined,
    };
    lids.forEach((l, i) => {
      next[`lid${i}.number`] = l.number.trim() ? undefined : required;
      next[`lid${i}.name`] = l.name.trim() ? undefined : required;
    });
    Object.assign(next, contactErrors(contacts, t));
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    onboard.mutate({
      organization: {
        name: org.name.trim(),
        domains: org.domains.split(/[\s,;]+/).filter(Boolean),
        country: org.country.trim().toUpperCase(),
      },
      number: agr.number.trim(),
      program: agr.program,
      priceLevel: agr.priceLevel.trim() || null,
      startDate: agr.startDate,
      endDate: agr.endDate || null,
      mbsaNumber: agr.mbsaNumber.trim() || null,
      channelPartnerNumber: agr.channelPartnerNumber.trim() || null,
      licensingIds: lids.map((l) => ({ number: l.number.trim(), name: l.name.trim() })),
      contacts: contactsBody(contacts),
    });
  };

  const setLid = (i: number, v: Partial<LicensingIdRow>) => setLids(lids.map((l, at) => (at === i ? { ...l, ...v } : l)));

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <AnchorLink to="/operator/customers" search={{ q: '' }} size="sm">
          {t('backoffice.customers.back')}
        </AnchorLink>
        <Title order={1}>{t('backoffice.onboard.title')}</Title>
        <Text maw={720}>{t('backoffice.onboard.intro')}</Text>
      </Stack>
      {onboard.isError && (
        <ErrorAlert error={onboard.error}>
          <RefusedValues error={onboard.error} />
        </ErrorAlert>
      )}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3">
            {t('backoffice.onboard.organization')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('backoffice.onboard.orgName')}
              value={org.name}
              error={errors.orgName}
              onChange={(e) => setOrg({ ...org, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.domains')}
              description={t('backoffice.onboard.domainsHelp')}
              value={org.domains}
              error={errors.domains}
              onChange={(e) => setOrg({ ...org, domains: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.country')}
              description={t('backoffice.onboard.countryHelp')}
              value={org.country}
              maxLength={2}
              error={errors.country}
              onChange={(e) => setOrg({ ...org, country: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Title order={2} size="h3">
            {t('backoffice.onboard.agreement')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('backoffice.onboard.number')}
              value={agr.number}
              error={errors.number}
              onChange={(e) => setAgr({ ...agr, number: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('backoffice.onboard.program')}
              value={agr.program}
              onChange={(e) => setAgr({ ...agr, program: e.currentTarget.value })}
              data={PROGRAM_CODES.map((code) => ({ value: code, label: programName(t, code, null) }))}
            />
            <TextInput
              label={t('backoffice.onboard.priceLevel')}
              value={agr.priceLevel}
              onChange={(e) => setAgr({ ...agr, priceLevel: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.startDate')}
              description={t('backoffice.form.dateHelp')}
              value={agr.startDate}
              error={errors.startDate}
              onChange={(e) => setAgr({ ...agr, startDate: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.endDate')}
              description={t('backoffice.form.dateHelp')}
              value={agr.endDate}
              error={errors.endDate}
              onChange={(e) => setAgr({ ...agr, endDate: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.mbsaNumber')}
              description={t('backoffice.onboard.mbsaHelp')}
              value={agr.mbsaNumber}
              onChange={(e) => setAgr({ ...agr, mbsaNumber: e.currentTarget.value })}
            />
            <TextInput
              label={t('backoffice.onboard.channelPartnerNumber')}
              description={t('backoffice.onboard.channelPartnerHelp')}
              value={agr.channelPartnerNumber}
              onChange={(e) => setAgr({ ...agr, channelPartnerNumber: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Title order={2} size="h3">
            {t('backoffice.onboard.licensingIds')}
          </Title>
          {lids.map((l, i) => (
            <Paper key={`lid-${i.toString()}`} withBorder p="sm" component="fieldset" data-licensing-id-row={i}>
              <Text component="legend" size="sm" fw={600}>
                {t('backoffice.onboard.licensingIdN', { n: i + 1 })}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('backoffice.onboard.lidNumber')}
                  value={l.number}
                  error={errors[`lid${i}.number`]}
                  onChange={(e) => setLid(i, { number: e.currentTarget.value })}
                />
                <TextInput
                  label={t('backoffice.onboard.lidName')}
                  value={l.name}
                  error={errors[`lid${i}.name`]}
                  onChange={(e) => setLid(i, { name: e.currentTarget.value })}
                />
              </SimpleGrid>
              {lids.length > 1 && (
                <Button mt="xs" size="xs" variant="subtle" color="red.9" onClick={() => setLids(lids.filter((_, at) => at !== i))}>
                  {t('backoffice.onboard.removeLicensingId', { n: i + 1 })}
                </Button>
              )}
            </Paper>
          ))}
          <Button variant="default" w="fit-content" onClick={() => setLids([...lids, emptyLid()])}>
            {t('backoffice.onboard.addLicensingId')}
          </Button>
          <Title order={2} size="h3">
            {t('backoffice.onboard.contacts')}
          </Title>
          <Text size="sm">{t('backoffice.onboard.contactsHelp')}</Text>
          <ContactRows contacts={contacts} onChange={setContacts} errors={errors} />
          <Group justify="flex-end">
            <Button type="submit" loading={onboard.isPending}>
              {t('backoffice.onboard.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
