import { Paper, Stack, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, MbsaGroup, ParentGroup } from '../api/types';
import { programName } from '../lib/programName';
import { AgreementDetails } from './AgreementDetails';
import { LicensingIdTable } from './LicensingIdTable';

function parentHeading(t: TFunction, agreement: Agreement | null): string {
  if (!agreement) return t('relationship.noParent');
  const program = programName(t, agreement.programCode, agreement.programName);
  return program
    ? t('relationship.parent', { program, number: agreement.number })
    : t('relationship.parentUnknownProgram', { number: agreement.number });
}

function ParentSection({ parent }: { parent: ParentGroup }) {
  const { t } = useTranslation();
  const heading = parentHeading(t, parent.agreement);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {heading}
      </Title>
      {parent.agreement && <AgreementDetails agreement={parent.agreement} />}
      <LicensingIdTable rows={parent.licensingIds} caption={heading} />
    </Stack>
  );
}

/** A master agreement (or none) with its parent program agreements and their Licensing IDs. */
export function MbsaGroupSection({ group }: { group: MbsaGroup }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id={headingId}>
            {group.mbsa ? t('relationship.mbsa', { number: group.mbsa.number }) : t('relationship.noMbsa')}
          </Title>
          {group.mbsa && <AgreementDetails agreement={group.mbsa} />}
        </Stack>
        {group.parents.map((parent) => (
          <ParentSection key={parent.agreement?.id ?? 'none'} parent={parent} />
        ))}
      </Stack>
    </Paper>
  );
}
