import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registerPartner } from '../../../api/partners';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { AnchorLink } from '../../../components/links';
import { emailProblem } from '../../../lib/email';
import { usePageTitle } from '../../../lib/usePageTitle';
import { emptyPerson, type PersonDraft, PersonFields, personProblems } from './person-fields';

type Errors = Record<string, string | undefined>;

/** The publisher registers a channel partner with its first user, who is invited to register (R-REL-6). */
export function RegisterPartnerPage() {
  const { t } = useTranslation();
  usePageTitle(t('partner.register.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', number: '', domains: '', country: '', notificationEmail: '' });
  const [person, setPerson] = useState<PersonDraft>(emptyPerson());
  const [errors, setErrors] = useState<Errors>({});
  const register = useMutation({
    mutationFn: registerPartner,
    onSuccess: async (partner) => {
      await queryClient.invalidateQueries({ queryKey: ['operator-partners'] });
      await navigate({ to: '/operator/partners/$partnerId', params: { partnerId: partner.id } });
    },
  });
  const required = t('backoffice.form.required');
  const mailProblem = (v: string) => emailProblem(v, { required, invalid: t('backoffice.form.emailInvalid') });
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const domains = form.domains
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const next: Errors = {
      name: form.name.trim() ? undefined : required,
      number: form.number.trim() ? undefined : required,
      domains: domains.length ? undefined : required,
      country: /^[A-Za-z]{2}$/.test(form.country.trim()) ? undefined : t('partner.form.countryInvalid'),
      notificationEmail: mailProblem(form.notificationEmail.trim()),
      ...Object.fromEntries(Object.entries(personProblems(person, required, mailProblem)).map(([k, v]) => [`user.${k}`, v])),
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    register.mutate({
      name: form.name.trim(),
      number: form.number.trim(),
      domains,
      country: form.country.trim(),
      notificationEmail: form.notificationEmail.trim(),
      users: [{ ...person, email: person.email.trim(), firstName: person.firstName.trim(), lastName: person.lastName.trim() }],
    });
  };
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/partners" size="sm">
        {t('partner.admin.back')}
      </AnchorLink>
      <Stack gap="xs">
        <Title order={1}>{t('partner.register.title')}</Title>
        <Text maw={720}>{t('partner.register.intro')}</Text>
      </Stack>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="lg" maw={820}>
          {register.isError && <ErrorAlert error={register.error} />}
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" component="legend">
              {t('partner.register.organization')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('partner.form.name')} value={form.name} error={errors.name} onChange={set('name')} />
              <TextInput
                label={t('partner.form.number')}
                description={t('partner.form.numberHelp')}
                value={form.number}
                error={errors.number}
                onChange={set('number')}
              />
              <TextInput
                label={t('partner.form.domains')}
                description={t('partner.form.domainsHelp')}
                value={form.domains}
                error={errors.domains}
                onChange={set('domains')}
              />
              <TextInput
                label={t('partner.form.country')}
                description={t('partner.form.countryHelp')}
                value={form.country}
                error={errors.country}
                onChange={set('country')}
              />
              <TextInput
                type="email"
                label={t('partner.form.notificationEmail')}
                description={t('partner.form.notificationEmailHelp')}
                value={form.notificationEmail}
                error={errors.notificationEmail}
                onChange={set('notificationEmail')}
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" component="legend">
              {t('partner.register.firstUser')}
            </Title>
            <PersonFields
              value={person}
              onChange={setPerson}
              errors={{ firstName: errors['user.firstName'], lastName: errors['user.lastName'], email: errors['user.email'] }}
            />
          </Paper>
          <Group>
            <Button type="submit" loading={register.isPending}>
              {t('partner.register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
