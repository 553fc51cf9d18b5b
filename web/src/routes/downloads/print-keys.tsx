import '../../components/downloads/print.css';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { printQuery } from '../../api/keys';
import { formatDateTime } from '../../components/downloads/format';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** The export's column names (R-KEY-7), as the print view's translated headers. */
const COLUMN_KEYS: Record<string, string> = {
  'Licensing ID': 'licensingId',
  'Parent Program': 'parentProgram',
  Organization: 'organization',
  Product: 'product',
  'Product Key': 'productKey',
  Type: 'type',
  'MAK Activations-Used/Available': 'makActivations',
};

/** R-KEY-7: the keys in the export's columns, laid out for printing. */
export function PrintKeysPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('downloads.print.title'));
  const { licensingId } = useSearch({ from: '/_app/downloads/product-keys/print' });
  const print = useQuery(printQuery(licensingId));
  const forbidden = print.error instanceof ApiError && print.error.status === 403;
  return (
    <Stack gap="md" data-print-view="">
      <Title order={1}>
        {print.data?.licensingIdNumber
          ? t('downloads.print.titleFor', { number: print.data.licensingIdNumber })
          : t('downloads.print.title')}
      </Title>
      {print.isPending && <Loading />}
      {forbidden && <NoAccess title={t('downloads.keys.noRoleTitle')} description={t('downloads.keys.noRole')} />}
      {print.isError && !forbidden && <KeyProblemAlert error={print.error} />}
      {print.data && (
        <>
          <Text>
            {t('downloads.print.generated', { date: formatDateTime(print.data.generatedAt, i18n.language), count: print.data.count })}
          </Text>
          <Group className="no-print">
            <Button onClick={() => window.print()}>{t('downloads.print.print')}</Button>
            <AnchorLink to="/downloads/product-keys" search={{ licensingId }}>
              {t('downloads.print.back')}
            </AnchorLink>
          </Group>
          <Table withTableBorder withColumnBorders verticalSpacing={4}>
            <Table.Caption className="sr-only">{t('downloads.print.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {print.data.columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {COLUMN_KEYS[c] ? t(`downloads.print.columns.${COLUMN_KEYS[c]}`) : c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {print.data.rows.map((row) => (
                <Table.Tr key={row.join('\t')}>
                  {row.map((cell, i) => (
                    <Table.Td key={print.data.columns[i] ?? i} ff={i === 4 ? 'monospace' : undefined}>
                      {cell}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
