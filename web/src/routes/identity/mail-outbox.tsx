import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { OUTBOX_MAX, OUTBOX_PAGE, type OutboxMail, outboxHtmlUrl, outboxQuery } from '../../api/identity';
import { EmptyNotice, NoAccess } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/identity/format';
import { Loading } from '../../components/Loading';
import { CaptionedTable } from '../../components/tables';
import { usePageTitle } from '../../lib/usePageTitle';

function DeliveryState({ mail }: { mail: OutboxMail }) {
  const { t, i18n } = useTranslation();
  if (mail.sentAt) {
    return (
      <Stack gap={2}>
        <Badge color="teal.9" variant="filled" tt="none">
          {t('identity.outbox.sent')}
        </Badge>
        <Text size="xs">{formatDateTime(mail.sentAt, i18n.language)}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Badge color={mail.lastError ? 'red.9' : 'gray.7'} variant="filled" tt="none">
        {mail.lastError ? t('identity.outbox.failed') : t('identity.outbox.waiting')}
      </Badge>
      <Text size="xs">{t('identity.outbox.attempts', { count: mail.attempts })}</Text>
      {mail.lastError && <Text size="xs">{t('identity.outbox.lastError', { error: mail.lastError })}</Text>}
    </Stack>
  );
}

/** The mail as the recipient sees it, in a sandboxed frame: its HTML can run nothing here. */
function MailViewer({ mail, onClose }: { mail: OutboxMail | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Modal
      opened={mail !== null}
      onClose={onClose}
      size="xl"
      title={mail ? mail.subject : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {mail && (
        <Stack gap="sm">
          <Text size="sm">
            {t('identity.outbox.viewerFacts', {
              to: mail.toAddress,
              template: mail.template,
              language: t(`language.${mail.locale}`),
              created: formatDateTime(mail.createdAt, i18n.language),
            })}
          </Text>
          <iframe
            title={t('identity.outbox.frameTitle', { subject: mail.subject })}
            src={outboxHtmlUrl(mail.id)}
            sandbox=""
            referrerPolicy="no-referrer"
            style={{ width: '100%', height: '60vh', border: '1px solid var(--mantine-color-gray-4)', background: 'white' }}
          />
        </Stack>
      )}
    </Modal>
  );
}

/**
 * Operators: the mail outbox, newest first, on deployments without SMTP (where mails are not
 * delivered); each opens as the recipient sees it, except that links carrying a credential
 * (invitation, confirmation, password reset, Deny Access) are withheld by the server. With SMTP
 * the API answers MAIL_VIEWER_OFF and the page says so.
 */
export function MailOutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('identity.outbox.title'));
  const [draft, setDraft] = useState('');
  const [to, setTo] = useState('');
  const [limit, setLimit] = useState(OUTBOX_PAGE);
  const [open, setOpen] = useState<OutboxMail | null>(null);
  const mails = useQuery({ ...outboxQuery(to, limit), placeholderData: keepPreviousData });
  const forbidden = mails.error instanceof ApiError && mails.error.status === 403;
  const off = mails.error instanceof ApiError && mails.error.code === 'MAIL_VIEWER_OFF';
  const items = mails.data?.items ?? [];
  const mayHaveMore = items.length >= limit && limit < OUTBOX_MAX;

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLimit(OUTBOX_PAGE);
    setTo(draft.trim());
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('identity.outbox.title')}</Title>
      {forbidden ? (
        <NoAccess title={t('identity.outbox.forbiddenTitle')} description={t('identity.outbox.forbidden')} />
      ) : off ? (
        <EmptyNotice title={t('identity.outbox.offTitle')} description={t('identity.outbox.off')} />
      ) : (
        <>
          <Text maw={720}>{t('identity.outbox.intro')}</Text>
          <Text maw={720}>{t('identity.outbox.withheld')}</Text>
          <form noValidate onSubmit={onFilter} aria-label={t('identity.outbox.filterLabel')}>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('identity.outbox.recipient')}
                description={t('identity.outbox.recipientHelp')}
                type="email"
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                w={360}
              />
              <Button type="submit">{t('identity.outbox.filter')}</Button>
              {to && (
                <Button
                  variant="default"
                  onClick={() => {
                    setDraft('');
                    setTo('');
                    setLimit(OUTBOX_PAGE);
                  }}
                >
                  {t('identity.outbox.clear')}
                </Button>
              )}
            </Group>
          </form>
          {mails.isPending && <Loading />}
          {mails.isError && !off && <ErrorAlert error={mails.error} />}
          {mails.isSuccess && items.length === 0 && (
            <EmptyNotice
              title={t('identity.outbox.noneTitle')}
              description={to ? t('identity.outbox.noneFor', { to }) : t('identity.outbox.none')}
            />
          )}
          {items.length > 0 && (
            <CaptionedTable
              caption={t('identity.outbox.caption', { count: items.length })}
              minWidth={900}
              columns={[
                t('identity.outbox.created'),
                t('identity.outbox.recipient'),
                t('identity.outbox.subject'),
                t('identity.outbox.template'),
                t('identity.outbox.language'),
                t('identity.outbox.delivery'),
                t('identity.outbox.actions'),
              ]}
            >
              {items.map((mail) => (
                <Table.Tr key={mail.id} data-mail-id={mail.id} data-template={mail.template}>
                  <Table.Td>{formatDateTime(mail.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{mail.toAddress}</Table.Td>
                  <Table.Td>{mail.subject}</Table.Td>
                  <Table.Td>
                    <code>{mail.template}</code>
                  </Table.Td>
                  <Table.Td>
                    <span lang={mail.locale}>{t(`language.${mail.locale}`)}</span>
                  </Table.Td>
                  <Table.Td>
                    <DeliveryState mail={mail} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      onClick={() => setOpen(mail)}
                      aria-label={t('common.labelFor', {
                        label: t('identity.outbox.view'),
                        target: `${mail.subject}, ${mail.toAddress}`,
                      })}
                    >
                      {t('identity.outbox.view')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </CaptionedTable>
          )}
          {mayHaveMore && (
            <Group>
              <Button variant="outline" onClick={() => setLimit((l) => Math.min(l + OUTBOX_PAGE, OUTBOX_MAX))} loading={mails.isFetching}>
                {t('identity.outbox.more')}
              </Button>
            </Group>
          )}
          {items.length >= OUTBOX_MAX && <Text size="sm">{t('identity.outbox.limit', { count: OUTBOX_MAX })}</Text>}
        </>
      )}
      <MailViewer mail={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
