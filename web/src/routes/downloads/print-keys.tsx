import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { printQuery } from '../../api/keys';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

/** R-KEY-7: the keys in the export's columns, laid out for printing. */
export function PrintKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.print.title'));
  const print = useQuery(printQuery);
  return (
    <Stack gap="md">
      <Title order={1}>{t('downloads.print.title')}</Title>
      {print.isPending && <Loading />}
      {print.isError && <ErrorAlert error={print.error} />}
      {print.data && (
        <>
          <Text>
            {t('downloads.print.generated', { date: new Date(print.data.generatedAt).toLocaleString(), count: print.data.count })}
          </Text>
          <Button className="no-print" onClick={() => window.print()} w="fit-content">
            {t('downloads.print.print')}
          </Button>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {print.data.columns.map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {print.data.rows.map((row) => (
                <Table.Tr key={row.join('|')}>
                  {row.map((cell, i) => (
                    <Table.Td key={`${i}-${cell}`}>{cell}</Table.Td>
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
