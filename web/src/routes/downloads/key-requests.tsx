import { Alert, Badge, Button, NativeSelect, NumberInput, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createKeyRequest, keyRequestsQuery, type NewKeyRequest, productKeysQuery } from '../../api/keys';
import { Loading } from '../../components/administration/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../lib/usePageTitle';

const KINDS: NewKeyRequest['kind'][] = ['MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS'];

/** R-PERM-13: more MAK activations, a KMS exception for Open, more KMS hosts — the five required fields. */
export function KeyRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.requests.title'));
  const queryClient = useQueryClient();
  const keys = useQuery(productKeysQuery);
  const mine = useQuery(keyRequestsQuery);
  const [kind, setKind] = useState<NewKeyRequest['kind']>('MORE_MAK_ACTIVATIONS');
  const [keyId, setKeyId] = useState('');
  const [number, setNumber] = useState('');
  const [authorization, setAuthorization] = useState('');
  const [wanted, setWanted] = useState<number | string>('');
  const [justification, setJustification] = useState('');
  const [missing, setMissing] = useState(false);
  const key = keys.data?.items.find((k) => k.id === keyId);
  const submit = useMutation({
    mutationFn: () => {
      if (!key) throw new Error('no key');
      const numbers = authorization.trim()
        ? { licenseNumber: number.trim(), authorizationNumber: authorization.trim() }
        : { agreementNumber: number.trim() };
      return createKeyRequest({
        kind,
        licensingId: key.licensingId,
        ...numbers,
        product: { name: key.product.name, version: key.product.version, edition: key.product.edition || '-' },
        keyLastFive: key.lastFive,
        activationsWanted: Number(wanted),
        justification: justification.trim(),
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['key-requests'] }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const incomplete = !key || !number.trim() || !(Number(wanted) > 0) || !justification.trim();
    setMissing(incomplete);
    if (!incomplete) submit.mutate();
  };
  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.requests.title')}</Title>
      <Text maw={760}>{t('downloads.requests.intro')}</Text>
      {submit.isSuccess && (
        <Alert color="green" variant="outline" role="status">
          {t('downloads.requests.sent')}
        </Alert>
      )}
      {submit.isError && <ErrorAlert error={submit.error} />}
      {keys.isError && <ErrorAlert error={keys.error} />}
      <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit}>
        <Stack>
          {missing && (
            <Text c="red.9" size="sm" role="alert">
              {t('downloads.requests.incomplete')}
            </Text>
          )}
          <NativeSelect
            label={t('downloads.requests.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as NewKeyRequest['kind'])}
            data={KINDS.map((k) => ({ value: k, label: t(`downloads.requestKinds.${k}`) }))}
          />
          <NativeSelect
            label={t('downloads.requests.key')}
            value={keyId}
            onChange={(e) => {
              setKeyId(e.currentTarget.value);
              setNumber(keys.data?.items.find((k) => k.id === e.currentTarget.value)?.licensingIdNumber ?? '');
            }}
            data={[
              { value: '', label: t('downloads.requests.chooseKey') },
              ...(keys.data?.items ?? []).map((k) => ({
                value: k.id,
                label: `${k.licensingIdNumber} · ${k.product.name} ${k.product.version} · …${k.lastFive}`,
              })),
            ]}
          />
          <TextInput label={t('downloads.requests.number')} required value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
          <TextInput
            label={t('downloads.requests.authorization')}
            value={authorization}
            onChange={(e) => setAuthorization(e.currentTarget.value)}
          />
          <NumberInput label={t('downloads.requests.wanted')} required min={1} value={wanted} onChange={setWanted} />
          <Textarea
            label={t('downloads.requests.justification')}
            required
            value={justification}
            onChange={(e) => setJustification(e.currentTarget.value)}
          />
          <Button type="submit" loading={submit.isPending}>
            {t('downloads.requests.submit')}
          </Button>
        </Stack>
      </Paper>
      <Title order={2}>{t('downloads.requests.mine')}</Title>
      {mine.isPending && <Loading />}
      {mine.isSuccess && mine.data.items.length === 0 && <Text>{t('downloads.requests.none')}</Text>}
      {mine.isSuccess && mine.data.items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('downloads.requests.kind')}</Table.Th>
              <Table.Th scope="col">{t('downloads.keys.licensingId')}</Table.Th>
              <Table.Th scope="col">{t('downloads.requests.wanted')}</Table.Th>
              <Table.Th scope="col">{t('downloads.requests.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{t(`downloads.requestKinds.${r.kind}`)}</Table.Td>
                <Table.Td>{r.licensingIdNumber}</Table.Td>
                <Table.Td>{r.activationsWanted}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="dark">
                    {t(`downloads.requestStatus.${r.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
