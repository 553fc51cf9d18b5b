import { Anchor, Button, Checkbox, FileInput, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accountPackageFile,
  accountSalesPackagesQuery,
  SALES_PACKAGES_KEY,
  type SalesPackage,
  signSalesPackage,
  uploadSignedScan,
} from '../../api/bc-agreements';
import { purchasingAccountsQuery } from '../../api/business-center';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DataTable } from '../../components/licensing/DataTable';
import { usePageTitle } from '../../lib/usePageTitle';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** R-BC-2: the electronic signature: typed full name, consent, then confirm. */
function SignDialog({ accountId, pkg }: { accountId: string; pkg: SalesPackage }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [fullName, setFullName] = useState('');
  const [consent, setConsent] = useState(false);
  const sign = useMutation({
    mutationFn: () => signSalesPackage(accountId, pkg.id, fullName, consent),
    onSuccess: async () => {
      close();
      await queryClient.invalidateQueries({ queryKey: [SALES_PACKAGES_KEY] });
    },
  });
  return (
    <>
      <Button size="xs" onClick={open} aria-label={t('bcAgreements.packages.signOf', { number: pkg.number })}>
        {t('bcAgreements.packages.sign')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('bcAgreements.packages.signTitle', { number: pkg.number })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            sign.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('bcAgreements.packages.signIntro')}</Text>
            <Anchor href={accountPackageFile(accountId, pkg.id, 'document')} size="sm">
              {t('bcAgreements.packages.documentOf', { number: pkg.number })}
            </Anchor>
            <TextInput
              label={t('bcAgreements.packages.fullName')}
              required
              autoComplete="name"
              value={fullName}
              onChange={(e) => setFullName(e.currentTarget.value)}
            />
            <Checkbox label={t('bcAgreements.packages.consent')} checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
            {sign.isError && <ErrorAlert error={sign.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('bcAgreements.packages.cancel')}
              </Button>
              <Button type="submit" disabled={!consent || fullName.trim().length < 2} loading={sign.isPending}>
                {t('bcAgreements.packages.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** R-BC-2: a paper-signed scan, a PDF of at most 10 MB. */
function UploadScan({ accountId, pkg }: { accountId: string; pkg: SalesPackage }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadSignedScan(accountId, pkg.id, f),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [SALES_PACKAGES_KEY] }),
  });
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <FileInput
          size="xs"
          w={200}
          label={t('bcAgreements.packages.upload')}
          aria-label={t('bcAgreements.packages.uploadOf', { number: pkg.number })}
          description={t('bcAgreements.packages.uploadHint')}
          accept="application/pdf"
          value={file}
          onChange={setFile}
          clearable
        />
        <Button size="xs" variant="outline" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t('bcAgreements.packages.uploadButton')}
        </Button>
      </Group>
      {upload.isError && <ErrorAlert error={upload.error} />}
    </Stack>
  );
}

/** R-BC-2, the customer's side: review, sign electronically or upload a paper-signed scan, download the signed copy. */
export function SalesPackagesPage() {
  const { t } = useTranslation();
  usePageTitle(t('bcAgreements.packages.title'));
  const { accountId } = useParams({ from: '/_app/business-center/$accountId/sales-packages' });
  const account = useQuery(purchasingAccountsQuery()).data?.accounts.find((a) => a.id === accountId);
  const list = useQuery(accountSalesPackagesQuery(accountId));
  if (!account) return null;
  const maySign = account.roles.some((r) => r === 'AGREEMENT_ADMINISTRATOR' || r === 'ACCOUNT_ADMINISTRATOR');
  return (
    <Stack gap="lg">
      <Title order={2}>{t('bcAgreements.packages.title')}</Title>
      <Text maw={760}>{t('bcAgreements.packages.intro')}</Text>
      {!maySign && <Text c="dimmed">{t('bcAgreements.packages.noRight')}</Text>}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyNotice title={t('bcAgreements.packages.noneTitle')} description={t('bcAgreements.packages.none')} data-state="empty" />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <DataTable<SalesPackage>
          caption={t('bcAgreements.packages.caption', { number: account.number })}
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
            { key: 'partner', header: t('bcAgreements.packages.columns.partner'), cell: (p) => p.partner.name },
            {
              key: 'status',
              header: t('bcAgreements.packages.columns.status'),
              cell: (p) => (
                <Stack gap={0}>
                  <Text size="sm">{p.signature ? t(`bcAgreements.via.${p.signature.via}`) : t(`bcAgreements.status.${p.status}`)}</Text>
                  {p.signature && (
                    <Text size="xs" c="dimmed">
                      {t('bcAgreements.packages.signedBy', {
                        name: p.signature.signerName ?? p.signature.signerEmail ?? '',
                        at: p.signature.signedAt.slice(0, 16).replace('T', ' '),
                      })}
                    </Text>
                  )}
                </Stack>
              ),
            },
            { key: 'sent', header: t('bcAgreements.packages.columns.sentAt'), cell: (p) => day(p.sentAt), sort: (p) => p.sentAt ?? '' },
            {
              key: 'documents',
              header: t('bcAgreements.packages.columns.documents'),
              cell: (p) => (
                <Stack gap={2}>
                  <Anchor href={accountPackageFile(accountId, p.id, 'document')} size="sm">
                    {t('bcAgreements.packages.documentOf', { number: p.number })}
                  </Anchor>
                  {p.signature && (
                    <Anchor href={accountPackageFile(accountId, p.id, 'signed-copy')} size="sm" data-testid="signed-copy">
                      {t('bcAgreements.packages.signedCopyOf', { number: p.number })}
                    </Anchor>
                  )}
                </Stack>
              ),
            },
            {
              key: 'actions',
              header: t('bcAgreements.packages.columns.actions'),
              cell: (p) =>
                maySign && p.status === 'SENT' ? (
                  <Stack gap="xs">
                    <SignDialog accountId={accountId} pkg={p} />
                    <UploadScan accountId={accountId} pkg={p} />
                  </Stack>
                ) : null,
            },
          ]}
        />
      )}
    </Stack>
  );
}
