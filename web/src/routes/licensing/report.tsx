import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { licensingIdReportQuery } from '../../api/licensing';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SummaryTable } from '../../components/licensing/SummaryTable';
import { usePageTitle } from '../../lib/usePageTitle';

/** Order lines shown at once; the export and the License Summary cover the rest. */
const DETAIL_ROWS = 200;

/** R-REL-5: a section the user may not see is shown dimmed, with no data. */
function Section({ title, visible, children }: { title: string; visible: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-dimmed={!visible} bg={visible ? undefined : 'gray.1'}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {visible ? children : <Text>{t('licensing.report.dimmed')}</Text>}
    </Paper>
  );
}

/** R-REL-4: Licensing ID details — contacts, related licenses, orders, purchase history. */
export function LicensingIdReportPage() {
  const { t } = useTranslation();
  const { licensingId } = useParams({ from: '/_app/licenses/licensing-ids/$licensingId' });
  const report = useQuery(licensingIdReportQuery(licensingId));
  const r = report.data;
  usePageTitle(t('licensing.report.title', { number: r?.licensingId.number ?? '' }));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('licensing.report.title', { number: r?.licensingId.number ?? '' })}</Title>
      {report.isPending && <Loading />}
      {report.isError && <ErrorAlert error={report.error} />}
      {r && (
        <>
          <Text>
            {r.licensingId.name} · {t(`programs.${r.licensingId.programCode}`)} · {t(`statuses.${r.licensingId.status}`)}
          </Text>
          <Group>
            {r.reports.parent.offered && r.reports.parent.visible && (
              <Anchor component={Link} to={`/licenses/licensing-ids/${r.licensingId.id}/parent-report`}>
                {t('licensing.report.parentLink')}
              </Anchor>
            )}
            {r.reports.mbsa.offered && r.reports.mbsa.visible && (
              <Anchor component={Link} to={`/licenses/licensing-ids/${r.licensingId.id}/mbsa-report`}>
                {t('licensing.report.mbsaLink')}
              </Anchor>
            )}
            {!r.reports.mbsa.offered && <Text size="sm">{t('licensing.report.noMbsa')}</Text>}
          </Group>
          <Section title={t('licensing.report.contacts')} visible>
            <Text size="sm" mb="xs">
              {t('licensing.report.contactsNote')}
            </Text>
            <Table>
              <Table.Tbody>
                {r.contacts.map((c) => (
                  <Table.Tr key={`${c.type}-${c.email}`}>
                    <Table.Th scope="row">{t(`licensing.contactTypes.${c.type}`)}</Table.Th>
                    <Table.Td>
                      {c.name} ({c.email})
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('licensing.report.related')} visible={r.relatedLicenses.visible}>
            {r.relatedLicenses.visible && <SummaryTable rows={r.relatedLicenses.rows} caption={t('licensing.report.related')} />}
          </Section>
          <Section title={t('licensing.report.orders')} visible={r.orders.visible}>
            {r.orders.visible && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('licensing.report.orderNumber')}</Table.Th>
                    <Table.Th scope="col">{t('licensing.report.orderDate')}</Table.Th>
                    <Table.Th scope="col">{t('licensing.report.quantity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.orders.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>{o.orderNumber}</Table.Td>
                      <Table.Td>{o.orderDate}</Table.Td>
                      <Table.Td>{o.totalQuantity}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
          <Section title={t('licensing.report.orderDetails')} visible={r.orderDetails.visible}>
            {r.orderDetails.visible && (
              <>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('licensing.report.orderNumber')}</Table.Th>
                      <Table.Th scope="col">{t('licensing.report.product')}</Table.Th>
                      <Table.Th scope="col">{t('licensing.report.licenseType')}</Table.Th>
                      <Table.Th scope="col">{t('licensing.report.quantity')}</Table.Th>
                      <Table.Th scope="col">{t('licensing.report.countsFrom')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.orderDetails.items.slice(0, DETAIL_ROWS).map((l) => (
                      <Table.Tr key={`${l.orderNumber}-${l.line}`}>
                        <Table.Td>{l.orderNumber}</Table.Td>
                        <Table.Td>
                          {l.product.name} {l.product.version}
                          {l.grant ? ' *' : ''}
                        </Table.Td>
                        <Table.Td>{t(`licensing.licenseTypes.${l.licenseType}`)}</Table.Td>
                        <Table.Td>{l.quantity}</Table.Td>
                        <Table.Td>{l.countsFrom}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {(r.orderDetails.truncated || r.orderDetails.items.length > DETAIL_ROWS) && (
                  <Text size="sm" mt="xs">
                    {t('licensing.report.truncated', { shown: Math.min(DETAIL_ROWS, r.orderDetails.items.length) })}
                  </Text>
                )}
              </>
            )}
          </Section>
          {r.affiliates && (
            <Section title={t('licensing.report.affiliates')} visible={r.affiliates.visible}>
              {r.affiliates.visible && (
                <Table>
                  <Table.Tbody>
                    {r.affiliates.items.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>{a.number}</Table.Td>
                        <Table.Td>{a.name}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
          )}
          <Section title={t('licensing.report.history')} visible={r.purchaseHistory.visible}>
            {r.purchaseHistory.visible && (
              <Table>
                <Table.Tbody>
                  {r.purchaseHistory.items.map((h) => (
                    <Table.Tr key={`${h.product.name}-${h.product.version}-${h.licenseType}-${h.grant}`}>
                      <Table.Td>
                        {h.product.name} {h.product.version}
                        {h.grant ? ' *' : ''}
                      </Table.Td>
                      <Table.Td>{t(`licensing.licenseTypes.${h.licenseType}`)}</Table.Td>
                      <Table.Td>{h.quantity}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}
