import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { purchasingAccountsQuery } from '../../api/business-center';
import { ErrorAlert } from '../ErrorAlert';
import { AnchorLink } from '../links';
import { SectionPanel } from '../SectionPanel';
import { CaptionedTable } from '../tables';

/** My profile (R-PERM-14): the user's business-center roles on each purchasing account; nothing when they hold none. */
export function MyAccountRoles() {
  const { t } = useTranslation();
  const accounts = useQuery(purchasingAccountsQuery());
  if (accounts.isError) return <ErrorAlert error={accounts.error} />;
  if (!accounts.isSuccess || accounts.data.accounts.length === 0) return null;
  return (
    <SectionPanel headingId="profile-account-roles" title={t('bcUsers.profile.title')}>
      <CaptionedTable
        caption={t('bcUsers.profile.caption')}
        minWidth={480}
        columns={[t('bcUsers.profile.account'), t('bcUsers.profile.number'), t('bcUsers.profile.roles')]}
      >
        {accounts.data.accounts.map((a) => (
          <Table.Tr key={a.id} data-account={a.number}>
            <Table.Th scope="row" style={{ fontWeight: 400 }}>
              <AnchorLink to="/business-center/$accountId" params={{ accountId: a.id }}>
                {a.name}
              </AnchorLink>
            </Table.Th>
            <Table.Td>{a.number}</Table.Td>
            <Table.Td data-testid="profile-account-roles">{a.roles.map((r) => t(`businessCenter.roles.${r}`)).join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </CaptionedTable>
    </SectionPanel>
  );
}
