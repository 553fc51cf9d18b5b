import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NewSalesPackage,
  partnerPackageFile,
  partnerSalesPackagesQuery,
  prepareSalesPackage,
  SALES_PACKAGES_KEY,
  type SalesPackage,
  sendSalesPackage,
  servedAccountsQuery,
  withdrawSalesPackage,
} from '../../api/bc-agreements';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { AnchorLink } from '../../components/links';
import { emptyLine, type LineDraft, type LineErrors, lineErrors, PackageLines, toTermsLines } from '../../components/partner/PackageLines';
import { usePageTitle } from '../../lib/usePageTitle';

type Program = NewSalesPackage['terms']['program'];
const PROGRAMS: Program[] = [
  'ENTERPRISE',
  'ENTERPRISE_SUBSCRIPTION',
  'ENTERPRISE_GOV_PARTNERS',
  'SELECT',
  'SELECT_PLUS',
  'CAMPUS',
  'SCHOOL',
  'OPEN_LICENSE',
  'OPEN_VALUE',
  'OPEN_VALUE_SUBSCRIPTION',
];

/** R-BC-2: a draft for an account we serve: program, start date, product lines and/or a free-text offer. */
function PrepareForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const accounts = useQuery(servedAccountsQuery);
  const [accountId, setAccountId] = useState('');
  const [title, setTitle] = useState('');
  const [program, setProgram] = useState<Program>('SELECT_PLUS');
  const [startDate, setStartDate] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [offer, setOffer] = useState('');
  const [errors, setErrors] = useState<LineErrors>({});
  const [termsEmpty, setTermsEmpty] = useState(false);
  const prepare = useMutation({
    mutationFn: () =>
      prepareSalesPackage({
        purchasingAccountId: accountId,
        title,
        terms: { program, startDate, lines: toTermsLines(lines), offer: offer.trim() || null },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [SALES_PACKAGES_KEY] }),
  });
  // The lines are checked here, each message beside its field; the API checks them again.
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = lineErrors(lines, t);
    const empty = lines.length === 0 && !offer.trim();
    setErrors(next);
    setTermsEmpty(empty);
    if (Object.keys(next).length === 0 && !empty) prepare.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" aria-labelledby="package-prepare" onSubmit={onSubmit}>
      <Stack gap="sm">
        <Title order={2} id="package-prepare">
          {t('bcAgreements.partner.prepareTitle')}
        </Title>
        {accounts.isError && <ErrorAlert error={accounts.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('bcAgreements.partner.account')}
            required
            value={accountId}
            onChange={(e) => setAccountId(e.currentTarget.value)}
            data={[
              { value: '', label: t('bcAgreements.partner.chooseAccount') },
              ...(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.number})` })),
            ]}
          />
          <TextInput
            label={t('bcAgreements.partner.packageTitle')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('bcAgreements.partner.program')}
            value={program}
            onChange={(e) => setProgram(PROGRAMS.find((p) => p === e.currentTarget.value) ?? 'SELECT_PLUS')}
            data={PROGRAMS.map((p) => ({ value: p, label: t(`programs.${p}`) }))}
          />
          <TextInput
            label={t('bcAgreements.partner.startDate')}
            type="date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.currentTarget.value)}
          />
        </SimpleGrid>
        <PackageLines lines={lines} errors={errors} onChange={setLines} />
        <Textarea
          label={t('bcAgreements.partner.offer')}
          autosize
          minRows={2}
          value={offer}
          onChange={(e) => setOffer(e.currentTarget.value)}
        />
        {termsEmpty && (
          <Alert color="red" variant="outline" role="alert">
            {t('bcAgreements.partner.lines.termsEmpty')}
          </Alert>
        )}
        {prepare.isError && <ErrorAlert error={prepare.error} />}
        {prepare.isSuccess && (
          <Alert color="green" variant="outline" role="status">
            {t('bcAgreements.partner.prepared', { number: prepare.data.number })}
          </Alert>
        )}
        <Button type="submit" w="fit-content" disabled={!accountId} loading={prepare.isPending}>
          {t('bcAgreements.partner.prepare')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** R-BC-2, the partner's side: prepare, send, withdraw, and see signed packages with their signed copies. */
export function PartnerSalesPackagesPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcAgreements.partner.title'));
  const queryClient = useQueryClient();
  const list = useQuery(partnerSalesPackagesQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [SALES_PACKAGES_KEY] });
  const send = useMutation({ mutationFn: sendSalesPackage, onSuccess: refresh });
  const withdraw = useMutation({ mutationFn: withdrawSalesPackage, onSuccess: refresh });
  return (
    <Stack gap="lg">
      <Title order={1}>{t('bcAgreements.partner.title')}</Title>
      <AnchorLink to="/partner" search={{ q: '' }} w="fit-content">
        {t('bcAgreements.partner.back')}
      </AnchorLink>
      <Text maw={760}>{t('bcAgreements.partner.intro')}</Text>
      <PrepareForm />
      <Title order={2}>{t('bcAgreements.partner.listTitle')}</Title>
      {send.isError && <ErrorAlert error={send.error} />}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyNotice title={t('bcAgreements.partner.noneTitle')} description={t('bcAgreements.partner.none')} data-state="empty" />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <DataTable<SalesPackage>
          caption={t('bcAgreements.partner.caption')}
          rows={list.data.items}
          rowKey={(p) => p.id}
          rowAttributes={(p) => ({ 'data-package': p.number, 'data-status': p.status })}
          minWidth={760}
          columns={[
            {
              key: 'number',
              header: t('bcAgreements.packages.columns.number'),
              rowHeader: true,
              cell: (p) => p.number,
              sort: (p) => p.number,
            },
            { key: 'title', header: t('bcAgreements.packages.columns.title'), cell: (p) => p.title },
            { key: 'account', header: t('bcAgreements.partner.account'), cell: (p) => `${p.account.name} (${p.account.number})` },
            {
              key: 'status',
              header: t('bcAgreements.packages.columns.status'),
              cell: (p) => (p.signature ? t(`bcAgreements.via.${p.signature.via}`) : t(`bcAgreements.status.${p.status}`)),
            },
            {
              key: 'documents',
              header: t('bcAgreements.packages.columns.documents'),
              cell: (p) => (
                <Stack gap={2}>
                  {p.document && (
                    <Anchor href={partnerPackageFile(p.id, 'document')} size="sm">
                      {t('bcAgreements.packages.documentOf', { number: p.number })}
                    </Anchor>
                  )}
                  {p.signature && (
                    <Anchor href={partnerPackageFile(p.id, 'signed-copy')} size="sm" data-testid="signed-copy">
                      {t('bcAgreements.packages.signedCopyOf', { number: p.number })}
                    </Anchor>
                  )}
                </Stack>
              ),
            },
            {
              key: 'actions',
              header: t('bcAgreements.packages.columns.actions'),
              cell: (p) => (
                <Group gap="xs">
                  {p.status === 'DRAFT' && (
                    <ConfirmButton
                      label={t('bcAgreements.partner.send')}
                      target={p.number}
                      title={t('bcAgreements.partner.sendTitle')}
                      question={t('bcAgreements.partner.sendQuestion', { number: p.number })}
                      confirmLabel={t('bcAgreements.partner.send')}
                      destructive={false}
                      loading={send.isPending && send.variables === p.id}
                      onConfirm={() => send.mutate(p.id)}
                    />
                  )}
                  {p.status === 'SENT' && (
                    <ConfirmButton
                      label={t('bcAgreements.partner.withdraw')}
                      target={p.number}
                      title={t('bcAgreements.partner.withdrawTitle')}
                      question={t('bcAgreements.partner.withdrawQuestion', { number: p.number })}
                      confirmLabel={t('bcAgreements.partner.withdraw')}
                      loading={withdraw.isPending && withdraw.variables === p.id}
                      onConfirm={() => withdraw.mutate(p.id)}
                    />
                  )}
                </Group>
              ),
            },
          ]}
        />
      )}
    </Stack>
  );
}
