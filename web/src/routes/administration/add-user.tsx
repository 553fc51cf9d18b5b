import { Alert, Button, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addUser, administrationKey } from '../../api/administration';
import { problemCode, problemDetail } from '../../api/client';
import type { Locale } from '../../api/types';
import { AdministeredOnly } from '../../components/administration/AdministeredOnly';
import { personName } from '../../components/administration/format';
import {
  type AssignmentValue,
  assignmentProblem,
  EMPTY_ASSIGNMENT,
  RoleAssignment,
  toAssignment,
} from '../../components/administration/RoleAssignment';
import { useAdministered } from '../../components/administration/useAdministered';
import { EmailField } from '../../components/EmailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { NameFields, type PersonName } from '../../components/NameFields';
import { StatusBadge } from '../../components/StatusBadge';
import { emailProblem } from '../../lib/email';
import { usePageTitle } from '../../lib/usePageTitle';

interface FieldErrors {
  email?: string;
  firstName?: string;
  lastName?: string;
  grants?: string;
  perId?: Record<string, string>;
}

/** R-PERM-7, R-PERM-8, R-PERM-9: add a user by work e-mail and name with roles per Licensing ID; an invitation goes out (R-ID-2). */
export function AddUserPage() {
  const { t } = useTranslation();
  usePageTitle(t('administration.addUser.title'));
  const queryClient = useQueryClient();
  const administered = useAdministered();
  const [email, setEmail] = useState('');
  const [name, setName] = useState<PersonName>({ firstName: '', lastName: '' });
  const [locale, setLocale] = useState<'' | Locale>('');
  const [assignments, setAssignments] = useState<Record<string, AssignmentValue>>({});
  const [errors, setErrors] = useState<FieldErrors>({});

  const chosen = () => Object.entries(assignments).filter(([, a]) => a.roles.length > 0);
  const add = useMutation({
    mutationFn: () =>
      addUser({
        email: email.trim(),
        firstName: name.firstName.trim(),
        lastName: name.lastName.trim(),
        ...(locale ? { locale } : {}),
        grants: chosen().map(([licensingId, a]) => ({ licensingId, ...toAssignment(a) })),
      }),
    onSuccess: async () => {
      setEmail('');
      setName({ firstName: '', lastName: '' });
      setLocale('');
      setAssignments({});
      await queryClient.invalidateQueries({ queryKey: administrationKey });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const perId: Record<string, string> = {};
    for (const [id, a] of chosen()) {
      const problem = assignmentProblem(a);
      if (problem) perId[id] = t(problem);
    }
    const trimmed = email.trim();
    const next: FieldErrors = {
      email: emailProblem(trimmed, {
        required: t('administration.addUser.emailRequired'),
        invalid: t('administration.addUser.emailInvalid'),
      }),
      firstName: name.firstName.trim() ? undefined : t('administration.addUser.firstNameRequired'),
      lastName: name.lastName.trim() ? undefined : t('administration.addUser.lastNameRequired'),
      grants: chosen().length ? undefined : t('administration.addUser.grantsRequired'),
      perId,
    };
    setErrors(next);
    if (!next.email && !next.firstName && !next.lastName && !next.grants && Object.keys(perId).length === 0) add.mutate();
  };

  const existingUserId = problemCode(add.error) === 'USER_EXISTS' ? problemDetail<string>(add.error, 'userId') : undefined;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <AnchorLink to="/administration/users" size="sm">
          {t('administration.users.back')}
        </AnchorLink>
        <Title order={1}>{t('administration.addUser.title')}</Title>
        <Text maw={720}>{t('administration.addUser.intro')}</Text>
      </Stack>
      {add.isSuccess && (
        <Alert color="green" variant="outline" role="status" title={t('administration.addUser.invitedTitle')}>
          <Text size="sm">{t('administration.addUser.invited', { name: personName(add.data), email: add.data.email })}</Text>
          {add.data.warnings.includes('SHARED_MAILBOX') && <Text size="sm">{t('administration.addUser.sharedMailbox')}</Text>}
          <AnchorLink to="/administration/users/$userId" params={{ userId: add.data.id }} size="sm">
            {t('administration.addUser.openUser', { name: personName(add.data) })}
          </AnchorLink>
        </Alert>
      )}
      {add.isError && (
        <Stack gap={4}>
          <ErrorAlert error={add.error} />
          {existingUserId && (
            <AnchorLink to="/administration/users/$userId" params={{ userId: existingUserId }}>
              {t('administration.addUser.openExisting')}
            </AnchorLink>
          )}
        </Stack>
      )}
      <AdministeredOnly administered={administered}>
        <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
          <Stack>
            <Title order={2} size="h3">
              {t('administration.addUser.person')}
            </Title>
            <EmailField
              label={t('administration.users.email')}
              description={t('administration.addUser.emailHelp')}
              autoComplete="off"
              value={email}
              error={errors.email}
              onChange={setEmail}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NameFields value={name} onChange={setName} errors={errors} someoneElse />
            </SimpleGrid>
            <NativeSelect
              label={t('administration.addUser.language')}
              description={t('administration.addUser.languageHelp')}
              value={locale}
              onChange={(e) => setLocale(e.currentTarget.value as '' | Locale)}
              data={[
                { value: '', label: t('administration.addUser.languageMine') },
                { value: 'en', label: t('language.en') },
                { value: 'sv', label: t('language.sv') },
              ]}
            />
            <Title order={2} size="h3">
              {t('administration.addUser.rolesHeading')}
            </Title>
            <Text size="sm">{t('administration.addUser.rolesIntro')}</Text>
            {errors.grants && (
              <Text c="red.9" size="sm" role="alert">
                {errors.grants}
              </Text>
            )}
            {administered.ids.map((p) => (
              <RoleAssignment
                key={p.id}
                idPrefix={`add-${p.number}`}
                legend={t('administration.users.rolesOn', { number: p.number, name: p.name })}
                description={
                  <>
                    <span>{t(`programs.${p.programCode}`, { defaultValue: p.programName })}</span>
                    <StatusBadge status={p.status} />
                  </>
                }
                value={assignments[p.id] ?? EMPTY_ASSIGNMENT}
                onChange={(a) => setAssignments((prev) => ({ ...prev, [p.id]: a }))}
                withReservation={p.kind === 'ENROLLMENT'}
                error={errors.perId?.[p.id]}
              />
            ))}
            <Button type="submit" loading={add.isPending} w="fit-content">
              {t('administration.addUser.submit')}
            </Button>
          </Stack>
        </Paper>
      </AdministeredOnly>
    </Stack>
  );
}
