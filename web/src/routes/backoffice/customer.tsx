import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeContact, customerQuery } from '../../api/backoffice';
import { ChangeOwner } from '../../components/backoffice/ChangeOwner';
import { ExpiryPanel } from '../../components/backoffice/ExpiryPanel';
import { RenewEnrollment } from '../../components/backoffice/RenewEnrollment';
import { AgreementRecordPanel, type ContactChanger } from '../../components/contacts/AgreementRecordPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * One customer: its agreements, Licensing IDs and contacts of record; contacts change here (R-REL-6),
 * enrollments are renewed, an Open License changes owner, and expiry runs now for every customer.
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams({ from: '/_app/operator/customers/$organizationId' });
  const customer = useQuery(customerQuery(organizationId));
  usePageTitle(customer.data?.name ?? t('backoffice.customers.title'));
  // What the last renewal, change of owner or expiry run did, said once it is done.
  const [notice, setNotice] = useState<string | null>(null);
  const changer: ContactChanger = { save: changeContact, invalidate: ['operator-customer', organizationId] };
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/customers" search={{ q: '' }} size="sm">
        {t('backoffice.customers.back')}
      </AnchorLink>
      {customer.isPending && <Loading />}
      {customer.isError && <ErrorAlert error={customer.error} />}
      {customer.data && (
        <>
          <Stack gap="xs">
            <Title order={1}>{customer.data.name}</Title>
            <Text>{t('backoffice.customer.intro', { domains: customer.data.domains.join(', '), country: customer.data.country })}</Text>
            <AnchorLink to="/operator/audit" search={{ organizationId }} size="sm" w="fit-content">
              {t('backoffice.customer.auditLink', { name: customer.data.name })}
            </AnchorLink>
          </Stack>
          <div role="status">
            {notice && (
              <Alert
                color="green"
                variant="outline"
                title={t('backoffice.customer.doneTitle')}
                withCloseButton
                onClose={() => setNotice(null)}
                closeButtonLabel={t('common.close')}
              >
                {notice}
              </Alert>
            )}
          </div>
          {customer.data.agreements.length === 0 && <Text>{t('backoffice.customers.noAgreements')}</Text>}
          {customer.data.agreements.map((a) => (
            <AgreementRecordPanel
              key={a.id}
              agreement={a}
              changer={changer}
              licensingIdAction={(l) => (
                <Group gap="sm" wrap="wrap">
                  <AnchorLink to="/operator/sa-benefits/$licensingId" params={{ licensingId: l.id }} size="sm">
                    {t('backoffice.customer.saBenefits', { number: l.number })}
                  </AnchorLink>
                  {/* Only an enrollment is renewed under its MBSA. */}
                  {l.kind === 'ENROLLMENT' && <RenewEnrollment agreement={a} licensingId={l} onDone={setNotice} />}
                </Group>
              )}
            >
              {a.programCode === 'OPEN_LICENSE' && <ChangeOwner agreement={a} onDone={setNotice} />}
            </AgreementRecordPanel>
          ))}
          <ExpiryPanel onDone={setNotice} />
        </>
      )}
    </Stack>
  );
}
