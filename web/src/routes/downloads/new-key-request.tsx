import { Button, Fieldset, Group, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  createKeyRequest,
  KEY_REQUEST_KINDS,
  type KeyRequestKind,
  type KeyView,
  type NewKeyRequest,
  productKeysQuery,
} from '../../api/keys';
import { KeyProblemAlert } from '../../components/downloads/KeyProblemAlert';
import { KEY_ROLES, useLicensingIdsWith } from '../../components/downloads/scope';
import { NoAccess } from '../../components/EmptyNotice';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { usePageTitle } from '../../lib/usePageTitle';

/** The key type each kind of request names (a KMS exception names the Open customer's MAK). */
const KEY_TYPE_FOR: Record<KeyRequestKind, KeyView['type']> = {
  MORE_MAK_ACTIVATIONS: 'MAK',
  MORE_KMS_HOSTS: 'KMS_HOST',
  KMS_EXCEPTION_OPEN: 'MAK',
};

type Field =
  | 'licensingId'
  | 'number'
  | 'licenseNumber'
  | 'authorizationNumber'
  | 'name'
  | 'version'
  | 'edition'
  | 'lastFive'
  | 'wanted'
  | 'justification';
type Errors = Partial<Record<Field, string>>;

const LAST_FIVE = /^[A-Za-z0-9]{5}$/;

/** Server-side field paths (zod) to the form's fields. */
const SERVER_FIELDS: Record<string, Field> = {
  licensingId: 'licensingId',
  agreementNumber: 'number',
  licenseNumber: 'licenseNumber',
  authorizationNumber: 'authorizationNumber',
  'product.name': 'name',
  'product.version': 'version',
  'product.edition': 'edition',
  keyLastFive: 'lastFive',
  activationsWanted: 'wanted',
  justification: 'justification',
};

/**
 * R-PERM-13: more MAK activations, a KMS key by exception for Open, or more KMS hosts — with the five
 * things every request carries: the agreement/enrollment (or license + authorization) number, the
 * product with version and edition, the key's last five characters, how many, and why.
 */
export function NewKeyRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('downloads.requestForm.title'));
  const { keyId } = useSearch({ from: '/_app/downloads/key-requests/new' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scope = useLicensingIdsWith(KEY_ROLES);
  const keys = useQuery(productKeysQuery);
  const [kind, setKind] = useState<KeyRequestKind>('MORE_MAK_ACTIVATIONS');
  const [fromKey, setFromKey] = useState('');
  const [licensingId, setLicensingId] = useState('');
  const [number, setNumber] = useState('');
  const [licenseNumber, setLicenseNumber] = useState('');
  const [authorizationNumber, setAuthorizationNumber] = useState('');
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [edition, setEdition] = useState('');
  const [lastFive, setLastFive] = useState('');
  const [wanted, setWanted] = useState<number | string>('');
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const summaryRef = useRef<HTMLDivElement>(null);

  const target = scope.rows.find((r) => r.id === licensingId);
  const isOpenLicense = Boolean(target?.authorizationNumber);
  const candidates = (keys.data?.items ?? []).filter((k) => k.type === KEY_TYPE_FOR[kind]);

  const chooseLicensingId = (id: string) => {
    setLicensingId(id);
    const row = scope.rows.find((r) => r.id === id);
    setNumber(row && !row.authorizationNumber ? row.number : '');
    setLicenseNumber(row?.authorizationNumber ? row.number : '');
    setAuthorizationNumber(row?.authorizationNumber ?? '');
  };

  const fillFromKey = (id: string, keyList: KeyView[] = keys.data?.items ?? []) => {
    setFromKey(id);
    const key = keyList.find((k) => k.id === id);
    if (!key) return;
    chooseLicensingId(key.licensingId);
    setName(key.product.name);
    setVersion(key.product.version);
    setEdition(key.product.edition);
    setLastFive(key.lastFive);
  };

  // Arriving from a key (the Product Keys page, an activation refused for want of activations): fill it in.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !keyId || !keys.data || !scope.isSuccess) return;
    prefilled.current = true;
    const key = keys.data.items.find((k) => k.id === keyId);
    if (key?.type === 'KMS_HOST') setKind('MORE_KMS_HOSTS');
    fillFromKey(keyId, keys.data.items);
  });

  const submit = useMutation({
    mutationFn: (body: NewKeyRequest) => createKeyRequest(body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['key-requests'] });
      await navigate({ to: '/downloads/key-requests', search: { sent: true } });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const next: Errors = {};
      for (const e of error.problem.errors ?? []) {
        const field = SERVER_FIELDS[e.path.replace(/^body[./]?/, '').replaceAll('/', '.')];
        if (field) next[field] = t('downloads.requestForm.invalid');
      }
      if (error.code === 'KEY_REQUEST_NUMBER_MISMATCH')
        next[isOpenLicense ? 'licenseNumber' : 'number'] = t('errors.KEY_REQUEST_NUMBER_MISMATCH');
      if (error.code === 'KEY_REQUEST_KEY_UNKNOWN') next.lastFive = t('errors.KEY_REQUEST_KEY_UNKNOWN');
      setErrors(next);
    },
  });

  const validate = (): Errors => {
    const e: Errors = {};
    const required = t('downloads.requestForm.required');
    if (!licensingId) e.licensingId = t('downloads.requestForm.licensingIdRequired');
    if (isOpenLicense) {
      if (!licenseNumber.trim()) e.licenseNumber = required;
      if (!authorizationNumber.trim()) e.authorizationNumber = required;
    } else if (!number.trim()) e.number = required;
    if (!name.trim()) e.name = required;
    if (!version.trim()) e.version = required;
    if (!edition.trim()) e.edition = required;
    if (!lastFive.trim()) e.lastFive = required;
    else if (!LAST_FIVE.test(lastFive.trim())) e.lastFive = t('downloads.requestForm.lastFiveInvalid');
    if (wanted === '' || wanted === undefined) e.wanted = required;
    else if (!(Number(wanted) >= 1 && Number.isInteger(Number(wanted)))) e.wanted = t('downloads.requestForm.wantedInvalid');
    if (!justification.trim()) e.justification = required;
    return e;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      summaryRef.current?.focus();
      return;
    }
    const numbers = isOpenLicense
      ? { licenseNumber: licenseNumber.trim(), authorizationNumber: authorizationNumber.trim() }
      : { agreementNumber: number.trim() };
    submit.mutate({
      kind,
      licensingId,
      ...numbers,
      product: { name: name.trim(), version: version.trim(), edition: edition.trim() },
      keyLastFive: lastFive.trim().toUpperCase(),
      activationsWanted: Number(wanted),
      justification: justification.trim(),
    });
  };

  const errorCount = Object.keys(errors).length;
  const forbidden = scope.isSuccess && scope.rows.length === 0;

  return (
    <Stack gap="lg">
      <Title order={1}>{t('downloads.requestForm.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('downloads.requests.noRoleTitle')} description={t('downloads.requests.noRole')} />
      ) : (
        <>
          <Text maw={760}>{t('downloads.requestForm.intro')}</Text>
          <AnchorLink to="/downloads/key-requests" search={{}} w="fit-content">
            {t('downloads.requestForm.back')}
          </AnchorLink>
          {scope.isPending && <Loading />}
          <div ref={summaryRef} tabIndex={-1}>
            {errorCount > 0 && (
              <Text c="red.9" size="sm" role="alert" fw={600}>
                {t('downloads.requestForm.fix', { count: errorCount })}
              </Text>
            )}
          </div>
          {submit.isError && <KeyProblemAlert error={submit.error} />}
          <Paper component="form" withBorder p="lg" noValidate onSubmit={onSubmit} maw={760}>
            <Stack>
              <NativeSelect
                label={t('downloads.requestForm.kind')}
                value={kind}
                onChange={(e) => {
                  setKind(e.currentTarget.value as KeyRequestKind);
                  setFromKey('');
                }}
                data={KEY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`downloads.requestKinds.${k}`) }))}
              />
              <NativeSelect
                label={t('downloads.requestForm.fromKey')}
                description={t('downloads.requestForm.fromKeyHelp')}
                value={fromKey}
                onChange={(e) => fillFromKey(e.currentTarget.value)}
                data={[
                  { value: '', label: t('downloads.requestForm.chooseKey') },
                  ...candidates.map((k) => ({
                    value: k.id,
                    label: t('downloads.requestForm.keyOption', {
                      number: k.licensingIdNumber,
                      product: k.product.name,
                      lastFive: k.lastFive,
                    }),
                  })),
                ]}
              />
              <Fieldset legend={t('downloads.requestForm.licensingLegend')}>
                <Stack>
                  <NativeSelect
                    label={t('downloads.requestForm.licensingId')}
                    required
                    value={licensingId}
                    error={errors.licensingId}
                    onChange={(e) => chooseLicensingId(e.currentTarget.value)}
                    data={[
                      { value: '', label: t('downloads.requestForm.chooseLicensingId') },
                      ...scope.rows.map((r) => ({ value: r.id, label: t('downloads.keys.idOption', { number: r.number, name: r.name }) })),
                    ]}
                  />
                  {isOpenLicense ? (
                    <Group grow align="flex-start">
                      <TextInput
                        label={t('downloads.requestForm.licenseNumber')}
                        required
                        value={licenseNumber}
                        error={errors.licenseNumber}
                        onChange={(e) => setLicenseNumber(e.currentTarget.value)}
                      />
                      <TextInput
                        label={t('downloads.requestForm.authorizationNumber')}
                        required
                        value={authorizationNumber}
                        error={errors.authorizationNumber}
                        onChange={(e) => setAuthorizationNumber(e.currentTarget.value)}
                      />
                    </Group>
                  ) : (
                    <TextInput
                      label={t('downloads.requestForm.number')}
                      description={t('downloads.requestForm.numberHelp')}
                      required
                      value={number}
                      error={errors.number}
                      onChange={(e) => setNumber(e.currentTarget.value)}
                    />
                  )}
                </Stack>
              </Fieldset>
              <Fieldset legend={t('downloads.requestForm.productLegend')}>
                <Stack>
                  <TextInput
                    label={t('downloads.requestForm.productName')}
                    required
                    value={name}
                    error={errors.name}
                    onChange={(e) => setName(e.currentTarget.value)}
                  />
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('downloads.requestForm.version')}
                      required
                      value={version}
                      error={errors.version}
                      onChange={(e) => setVersion(e.currentTarget.value)}
                    />
                    <TextInput
                      label={t('downloads.requestForm.edition')}
                      required
                      value={edition}
                      error={errors.edition}
                      onChange={(e) => setEdition(e.currentTarget.value)}
                    />
                  </Group>
                  <TextInput
                    label={t('downloads.requestForm.lastFive')}
                    description={t('downloads.requestForm.lastFiveHelp')}
                    required
                    maxLength={5}
                    autoComplete="off"
                    ff="monospace"
                    value={lastFive}
                    error={errors.lastFive}
                    onChange={(e) => setLastFive(e.currentTarget.value)}
                  />
                </Stack>
              </Fieldset>
              <NumberInput
                label={t(kind === 'MORE_MAK_ACTIVATIONS' ? 'downloads.requestForm.wanted' : 'downloads.requestForm.wantedHosts')}
                required
                min={1}
                allowDecimal={false}
                allowNegative={false}
                value={wanted}
                error={errors.wanted}
                onChange={setWanted}
              />
              <Textarea
                label={t('downloads.requestForm.justification')}
                description={t('downloads.requestForm.justificationHelp')}
                required
                autosize
                minRows={3}
                value={justification}
                error={errors.justification}
                onChange={(e) => setJustification(e.currentTarget.value)}
              />
              <Button type="submit" loading={submit.isPending} w="fit-content">
                {t('downloads.requestForm.submit')}
              </Button>
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  );
}
