import { Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_TYPES, type ContactType, type Onboarding, onboardAgreement } from '../../api/backoffice';
import { problemDetail } from '../../api/client';
import type { Locale } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { emailProblem } from '../../lib/email';
import { programName } from '../../lib/programName';
import { PROGRAM_CODES } from '../../lib/programs';
import { usePageTitle } from '../../lib/usePageTitle';

interface LicensingIdRow {
  number: string;
  name: string;
}
interface ContactRow {
  type: ContactType;
  name: string;
  email: string;
  locale: Locale;
}
type Errors = Record<string, string | undefined>;

const emptyLid = (): LicensingIdRow => ({ number: '', name: '' });
const emptyContact = (type: ContactType = 'PRIMARY_CONTACT'): ContactRow => ({ type, name: '', email: '', locale: 'en' });

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
  const [agr, setAgr] = useState({ number: '', program: 'ENTERPRISE', priceLevel: '', startDate: '', endDate: '', mbsaNumber: '' });
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
    contacts.forEach((c, i) => {
      next[`contact${i}.name`] = c.name.trim() ? undefined : required;
      next[`contact${i}.email`] = emailProblem(c.email.trim(), { required, invalid: t('backoffice.form.emailInvalid') });
    });
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
      licensingIds: lids.map((l) => ({ number: l.number.trim(), name: l.name.trim() })),
      contacts: contacts.map((c) => ({ type: c.type, name: c.name.trim(), email: c.email.trim(), locale: c.locale })),
    });
  };

  const refused = problemDetail<{ field: string; message: string }[]>(onboard.error, 'errors') ?? [];
  const setLid = (i: number, v: Partial<LicensingIdRow>) => setLids(lids.map((l, at) => (at === i ? { ...l, ...v } : l)));
  const setContact = (i: number, v: Partial<ContactRow>) => setContacts(contacts.map((c, at) => (at === i ? { ...c, ...v } : c)));

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
          {refused.length > 0 ? (
            <List size="sm">
              {refused.map((e) => (
                <List.Item key={`${e.field}-${e.message}`}>
                  {t('backoffice.onboard.refusedValue', { field: e.field, message: e.message })}
                </List.Item>
              ))}
            </List>
          ) : undefined}
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
          {contacts.map((c, i) => (
            <Paper key={`contact-${i.toString()}`} withBorder p="sm" component="fieldset" data-contact-row={i}>
              <Text component="legend" size="sm" fw={600}>
                {t('backoffice.onboard.contactN', { n: i + 1 })}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('backoffice.form.contactType')}
                  value={c.type}
                  onChange={(e) => setContact(i, { type: e.currentTarget.value as ContactType })}
                  data={CONTACT_TYPES.map((type) => ({ value: type, label: t(`backoffice.contactTypes.${type}`) }))}
                />
                <TextInput
                  label={t('backoffice.form.contactName')}
                  value={c.name}
                  error={errors[`contact${i}.name`]}
                  onChange={(e) => setContact(i, { name: e.currentTarget.value })}
                />
                <TextInput
                  type="email"
                  label={t('backoffice.form.contactEmail')}
                  value={c.email}
                  error={errors[`contact${i}.email`]}
                  onChange={(e) => setContact(i, { email: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('backoffice.form.contactLocale')}
                  value={c.locale}
                  onChange={(e) => setContact(i, { locale: e.currentTarget.value as Locale })}
                  data={[
                    { value: 'en', label: t('language.en') },
                    { value: 'sv', label: t('language.sv') },
                  ]}
                />
              </SimpleGrid>
              <Button mt="xs" size="xs" variant="subtle" color="red.9" onClick={() => setContacts(contacts.filter((_, at) => at !== i))}>
                {t('backoffice.onboard.removeContact', { n: i + 1 })}
              </Button>
            </Paper>
          ))}
          <Button
            variant="default"
            w="fit-content"
            onClick={() => setContacts([...contacts, emptyContact(CONTACT_TYPES.find((type) => !contacts.some((c) => c.type === type)))])}
          >
            {t('backoffice.onboard.addContact')}
          </Button>
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
