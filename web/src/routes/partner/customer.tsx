import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { partnerChangeContact, partnerCustomerQuery } from '../../api/partners';
import { AgreementRecordPanel, type ContactChanger } from '../../components/contacts/AgreementRecordPanel';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** One customer of the channel partner: the agreements it serves and their contacts of record, which it changes (R-REL-6). */
export function PartnerCustomerPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams({ from: '/_app/partner/customers/$organizationId' });
  const customer = useQuery(partnerCustomerQuery(organizationId));
  usePageTitle(customer.data?.name ?? t('partner.customers.title'));
  const changer: ContactChanger = { save: partnerChangeContact, invalidate: ['partner-customer', organizationId] };
  return (
    <Stack gap="lg">
      <AnchorLink to="/partner" search={{ q: '' }} size="sm">
        {t('partner.customer.back')}
      </AnchorLink>
      {customer.isPending && <Loading />}
      {customer.isError && <ErrorAlert error={customer.error} />}
      {customer.data && (
        <>
          <Stack gap="xs">
            <Title order={1}>{customer.data.name}</Title>
            <Text maw={720}>{t('partner.customer.intro')}</Text>
          </Stack>
          {customer.data.agreements.map((a) => (
            <AgreementRecordPanel key={a.id} agreement={a} changer={changer} />
          ))}
        </>
      )}
    </Stack>
  );
}
