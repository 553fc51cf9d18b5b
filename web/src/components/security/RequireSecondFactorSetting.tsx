import { Button, Group, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrganizationSettings, organizationQueryKey, updateOrganization } from '../../api/identity';
import { AccountProblemAlert } from '../identity/AccountProblemAlert';
import { SectionPanel } from '../SectionPanel';

/** The Administrators' setting: password users of the organization must sign in with a second factor. */
export function RequireSecondFactorSetting({ organization }: { organization: OrganizationSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [required, setRequired] = useState(organization.requireSecondFactor);
  const save = useMutation({
    mutationFn: () => updateOrganization({ requireSecondFactor: required }),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationQueryKey, saved);
      setRequired(saved.requireSecondFactor);
    },
  });
  const changed = required !== organization.requireSecondFactor;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <SectionPanel headingId="org-security-heading" title={t('security.organization.heading')}>
      <form noValidate onSubmit={onSubmit} aria-labelledby="org-security-heading">
        <Switch
          label={t('security.organization.require')}
          description={t('security.organization.requireHelp')}
          checked={required}
          onChange={(event) => setRequired(event.currentTarget.checked)}
          data-testid="require-second-factor"
        />
        {save.isError && <AccountProblemAlert error={save.error} />}
        {save.isSuccess && !changed && (
          <Text size="sm" role="status" mt="sm">
            {t('security.organization.saved')}
          </Text>
        )}
        <Group mt="md">
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('security.organization.save')}
          </Button>
        </Group>
      </form>
    </SectionPanel>
  );
}
