import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OnlineService, onlineServicesQuery, resendActivationMail, type ServiceEnrollment } from '../../api/online-services';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmailField } from '../../components/EmailField';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/identity/format';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { AccountDomains } from '../../components/online-services/AccountDomains';
import { ScrollTable } from '../../components/tables';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { appRoute, rootRoute } from '../base';
import { ServiceActivationPage } from './activate';
import { OsaKeyPage } from './osa';
import { ReservationLinks } from './reservations-links';

const SUBSCRIPTION_COLORS = { ACTIVE: 'teal.9', IN_GRACE: 'orange.9', DEPROVISIONED: 'gray.7' } as const;

/** R-OS-2: a new subscription contact; saving it resends the activation mail to them. */
function EditContact({ enrollment, service }: { enrollment: ServiceEnrollment; service: OnlineService }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState(enrollment.subscriptionContact?.name ?? '');
  const [email, setEmail] = useState(enrollment.subscriptionContact?.email ?? '');
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});
  const save = useMutation({
    mutationFn: () => resendActivationMail(enrollment.id, service.productId, { name: name.trim(), email: email.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: onlineServicesQuery.queryKey });
      close();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      name: name.trim() ? undefined : t('onlineServices.nameRequired'),
      email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim()) ? undefined : t('onlineServices.emailHelp'),
    };
    setErrors(next);
    if (!next.name && !next.email) save.mutate();
  };
  return (
    <>
      <Button size="xs" variant="outline" onClick={open} aria-label={t('onlineServices.editContactTarget', { service: service.name })}>
        {t('onlineServices.editContact')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('onlineServices.editTitle')}>
        <form noValidate onSubmit={onSubmit}>
          <Stack>
            <Text size="sm">{t('onlineServices.editIntro', { number: enrollment.number, service: service.name })}</Text>
            <TextInput
              label={t('onlineServices.name')}
              name="name"
              autoComplete="off"
              required
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <EmailField
              label={t('onlineServices.email')}
              description={t('onlineServices.emailHelp')}
              autoComplete="off"
              value={email}
              error={errors.email}
              onChange={setEmail}
            />
            {save.isError && <ErrorAlert error={save.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('onlineServices.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('onlineServices.update')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ServiceRow({ enrollment, service }: { enrollment: ServiceEnrollment; service: OnlineService }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => resendActivationMail(enrollment.id, service.productId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: onlineServicesQuery.queryKey }),
  });
  const waiting = !enrollment.account && !service.linkExpired && service.activation !== 'NONE';
  return (
    <Table.Tr data-testid={`service-${enrollment.number}-${service.code}`}>
      <Table.Td>{service.name}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{t(`onlineServices.activation.${service.activation}`)}</Text>
          {service.activation === 'SCHEDULED' && service.usageDate && (
            <Text size="xs">{t('onlineServices.scheduledFor', { date: formatDate(service.usageDate, i18n.language) })}</Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {service.recipientEmail && service.mailedAt ? (
          <Stack gap={2}>
            <Text size="sm">
              {t('onlineServices.mailedTo', {
                name: service.recipientName ?? '',
                email: service.recipientEmail,
                when: formatDateTime(service.mailedAt, i18n.language),
              })}
            </Text>
            <Text size="xs">{t('onlineServices.mailCount', { count: service.mailCount })}</Text>
          </Stack>
        ) : (
          <Text size="sm">{t('onlineServices.notMailed')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {service.linkExpiresOn ? (
          <Text size="sm">
            {formatDate(service.linkExpiresOn, i18n.language)}
            {service.linkExpired ? ` (${t('onlineServices.expired')})` : ''}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {service.subscription ? (
          <Stack gap={2}>
            <Badge variant="filled" color={SUBSCRIPTION_COLORS[service.subscription]} tt="none">
              {t(`onlineServices.subscription.${service.subscription}`)}
            </Badge>
            {service.subscription === 'IN_GRACE' && service.graceEndsOn && (
              <Text size="xs">{t('onlineServices.graceUntil', { date: formatDate(service.graceEndsOn, i18n.language) })}</Text>
            )}
          </Stack>
        ) : (
          <Text size="sm">{t('onlineServices.subscription.none')}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {enrollment.canManageContact && waiting && (
          <Stack gap="xs" align="flex-start">
            {enrollment.subscriptionContact && (
              <ConfirmButton
                label={t('onlineServices.resend')}
                target={t('onlineServices.resendTarget', { service: service.name })}
                title={t('onlineServices.resendTitle')}
                question={t('onlineServices.resendQuestion', { service: service.name, email: enrollment.subscriptionContact.email })}
                confirmLabel={t('onlineServices.resendConfirm')}
                destructive={false}
                loading={resend.isPending}
                onConfirm={() => resend.mutate()}
              />
            )}
            <EditContact enrollment={enrollment} service={service} />
            {resend.isError && <ErrorAlert error={resend.error} />}
            {resend.isSuccess && (
              <Text size="xs" role="status">
                {t('onlineServices.resent', { to: resend.data.to.join(', ') })}
              </Text>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function EnrollmentPanel({ enrollment }: { enrollment: ServiceEnrollment }) {
  const { t } = useTranslation();
  const columns = ['service', 'activation', 'mail', 'linkExpires', 'subscription', 'actions'].map((c) => t(`onlineServices.columns.${c}`));
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`enrollment-${enrollment.id}`}
      data-testid={`enrollment-${enrollment.number}`}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id={`enrollment-${enrollment.id}`}>
          {t('onlineServices.enrollment', { name: enrollment.name, number: enrollment.number })}
        </Title>
        {enrollment.account ? (
          <Group gap="xs">
            <Text size="sm">{t('onlineServices.account', { name: enrollment.account.name })}</Text>
            <Badge
              variant="filled"
              color={enrollment.account.status === 'ACTIVE' ? 'teal.9' : 'orange.9'}
              tt="none"
              data-testid="link-status"
            >
              {t(`onlineServices.linkStatus.${enrollment.account.status}`)}
            </Badge>
            {enrollment.account.status === 'PENDING' && <Text size="xs">{t('onlineServices.pendingHelp')}</Text>}
          </Group>
        ) : (
          <Text size="sm">{t('onlineServices.notLinked')}</Text>
        )}
        <Text size="sm">
          {enrollment.subscriptionContact
            ? t('onlineServices.contact', { name: enrollment.subscriptionContact.name, email: enrollment.subscriptionContact.email })
            : t('onlineServices.noContact')}
        </Text>
        <ScrollTable caption={t('onlineServices.servicesCaption', { number: enrollment.number })} columns={columns} minWidth={760}>
          {enrollment.services.map((s) => (
            <ServiceRow key={s.productId} enrollment={enrollment} service={s} />
          ))}
        </ScrollTable>
        {enrollment.account && <AccountDomains licensingId={enrollment.id} account={enrollment.account.name} />}
      </Stack>
    </Paper>
  );
}

/** R-OS-1, R-OS-2, R-OS-6, R-OS-7: the Online Services landing page. */
export function OnlineServicesPage() {
  const { t } = useTranslation();
  usePageTitle(t('onlineServices.title'));
  const overview = useQuery(onlineServicesQuery);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('onlineServices.title')}</Title>
      <Text>{t('onlineServices.intro')}</Text>
      <nav aria-label={t('onlineServices.links.label')}>
        <Group gap="lg">
          <ReservationLinks />
          <AnchorLink to="/online-services/subscriptions">{t('onlineServices.links.subscriptions')}</AnchorLink>
          <AnchorLink to="/online-services/activation">{t('onlineServices.links.activation')}</AnchorLink>
        </Group>
      </nav>
      {overview.isPending && <Loading />}
      {overview.isError && <ErrorAlert error={overview.error} />}
      {overview.data && overview.data.enrollments.length === 0 && (
        <EmptyNotice title={t('onlineServices.empty.title')} description={t('onlineServices.empty.description')} />
      )}
      {overview.data?.enrollments.map((e) => (
        <EnrollmentPanel key={e.id} enrollment={e} />
      ))}
    </Stack>
  );
}

const landing = createRoute({ getParentRoute: () => appRoute, path: '/online-services', component: OnlineServicesPage });
const osa = createRoute({ getParentRoute: () => appRoute, path: '/online-services/activation', component: OsaKeyPage });
/** Public: whoever holds the mailed link may follow it (seed 003: the mail may be forwarded). */
const activate = createRoute({
  getParentRoute: () => rootRoute,
  path: '/online-services/activate/$token',
  component: ServiceActivationPage,
});

export const onlineServicesRoutes = [landing, osa] as const;
export const onlineServicesPublicRoutes = [activate] as const;
