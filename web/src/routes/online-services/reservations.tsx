import { Alert, Button, Checkbox, Group, List, NativeSelect, NumberInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RESERVATION_ACTIONS,
  type ReservableEnrollment,
  type ReservableService,
  type ReservationAction,
  reservableEnrollmentsQuery,
  reservableServicesQuery,
  submitReservation,
} from '../../api/reservations';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { AnchorLink } from '../../components/links';
import { SectionPanel } from '../../components/SectionPanel';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { PartnerContactText } from './reservations-partner';

type Step = 'enrollment' | 'service' | 'details' | 'review';
const STEPS: Step[] = ['enrollment', 'service', 'details', 'review'];

interface Details {
  action: ReservationAction;
  quantity: number | string;
  usageDate: string;
}

/** Step 1: the Licensing IDs the user may reserve on; one that cannot reserve now says why (R-RES-1, R-RES-2, R-RES-4). */
function ChooseEnrollment({ items, chosen, onChoose }: { items: ReservableEnrollment[]; chosen?: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(chosen ?? items.find((e) => e.refusal === null)?.id ?? '');
  const [error, setError] = useState<string>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!items.some((e) => e.id === value && e.refusal === null)) return setError(t('reservations.flow.chooseEnrollmentRequired'));
    onChoose(value);
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        <Radio.Group label={t('reservations.flow.enrollment')} value={value} onChange={setValue} error={error} name="enrollment">
          <Stack mt="xs" gap="sm">
            {items.map((e) => (
              <Radio
                key={e.id}
                value={e.id}
                disabled={e.refusal !== null}
                label={`${e.name} (${e.number}), ${e.program}`}
                description={e.refusal ? t(`errors.${e.refusal}`) : undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Button type="submit" w="fit-content">
          {t('reservations.flow.continue')}
        </Button>
      </Stack>
    </form>
  );
}

/** Step 2: the enrollment's online services; one that cannot be reserved says why and who orders it (R-RES-4). */
function ChooseService({
  licensingId,
  chosen,
  onChoose,
  onBack,
}: {
  licensingId: string;
  chosen?: ReservableService;
  onChoose: (s: ReservableService) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const services = useQuery(reservableServicesQuery(licensingId));
  const [value, setValue] = useState(chosen?.productId ?? '');
  const [error, setError] = useState<string>();
  if (services.isPending) return <Loading />;
  if (services.isError) return <ErrorAlert error={services.error} />;
  const list = services.data.services;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = list.find((s) => s.productId === value && s.refusal === null);
    if (!found) return setError(t('reservations.flow.chooseServiceRequired'));
    onChoose(found);
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        {list.length === 0 ? (
          <Text>{t('reservations.flow.noServices')}</Text>
        ) : (
          <Radio.Group label={t('reservations.flow.service')} value={value} onChange={setValue} error={error} name="service">
            <Stack mt="xs" gap="sm">
              {list.map((s) => (
                <Radio
                  key={s.productId}
                  value={s.productId}
                  disabled={s.refusal !== null}
                  label={`${s.name} (${t(`reservations.categories.${s.category}`)})`}
                  description={s.refusal ? t(`errors.${s.refusal}`) : undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {list.some((s) => s.refusal !== null) && <PartnerContactText partner={services.data.partner} />}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('reservations.flow.back')}
          </Button>
          <Button type="submit">{t('reservations.flow.continue')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 3: Add License or Step-up License, how many, and the usage date within the window (R-RES-2, R-RES-4). */
function ChooseDetails({
  enrollment,
  initial,
  onChoose,
  onBack,
}: {
  enrollment: ReservableEnrollment;
  initial: Details;
  onChoose: (d: Details) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [d, setD] = useState(initial);
  const [errors, setErrors] = useState<{ quantity?: string; usageDate?: string }>({});
  const { from, to } = enrollment.usageWindow;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      quantity: Number.isInteger(Number(d.quantity)) && Number(d.quantity) >= 1 ? undefined : t('reservations.flow.quantityInvalid'),
      usageDate:
        /^\d{4}-\d{2}-\d{2}$/.test(d.usageDate) && d.usageDate >= from && d.usageDate <= to
          ? undefined
          : t('errors.RESERVATION_USAGE_DATE_OUT_OF_WINDOW'),
    };
    setErrors(found);
    if (!found.quantity && !found.usageDate) onChoose(d);
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack maw={520}>
        <NativeSelect
          label={t('reservations.flow.action')}
          name="action"
          value={d.action}
          onChange={(e) => setD({ ...d, action: e.currentTarget.value === 'STEP_UP_LICENSE' ? 'STEP_UP_LICENSE' : 'ADD_LICENSE' })}
          data={RESERVATION_ACTIONS.map((a) => ({ value: a, label: t(`reservations.actions.${a}`) }))}
        />
        <NumberInput
          label={t('reservations.flow.quantity')}
          name="quantity"
          required
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={d.quantity}
          error={errors.quantity}
          onChange={(quantity) => setD({ ...d, quantity })}
        />
        <TextInput
          type="date"
          label={t('reservations.flow.usageDate')}
          description={t('reservations.flow.usageDateHint', { from: formatDate(from, i18n.language), to: formatDate(to, i18n.language) })}
          name="usageDate"
          required
          min={from}
          max={to}
          value={d.usageDate}
          error={errors.usageDate}
          onChange={(e) => setD({ ...d, usageDate: e.currentTarget.value })}
        />
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('reservations.flow.back')}
          </Button>
          <Button type="submit">{t('reservations.flow.continue')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 4: the reservation as it will be submitted, and the commitment terms to accept (R-RES-3, R-RES-5). */
function Review({
  enrollment,
  service,
  details,
  onBack,
}: {
  enrollment: ReservableEnrollment;
  service: ReservableService;
  details: Details;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState<string>();
  const submit = useMutation({
    mutationFn: () =>
      submitReservation(enrollment.id, {
        productId: service.productId,
        action: details.action,
        quantity: Number(details.quantity),
        usageDate: details.usageDate,
        acceptTerms: accepted,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reservations'] }),
  });
  if (submit.isSuccess) {
    return (
      <Stack>
        <Alert color="green" variant="outline" role="status" data-testid="reservation-submitted">
          {t('reservations.flow.submitted', {
            quantity: submit.data.quantity,
            service: submit.data.serviceName,
            until: new Date(submit.data.cancellableUntil).toLocaleString(i18n.language, { timeZone: 'UTC', timeZoneName: 'short' }),
          })}
        </Alert>
        <AnchorLink to="/online-services/reservations/history" w="fit-content">
          {t('reservations.flow.toHistory')}
        </AnchorLink>
      </Stack>
    );
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!accepted) return setError(t('errors.RESERVATION_TERMS_NOT_ACCEPTED'));
    setError(undefined);
    submit.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        <List spacing="xs" data-testid="reservation-review">
          <List.Item>{t('reservations.review.enrollment', { name: enrollment.name, number: enrollment.number })}</List.Item>
          <List.Item>{t('reservations.review.service', { service: service.name })}</List.Item>
          <List.Item>{t('reservations.review.action', { action: t(`reservations.actions.${details.action}`) })}</List.Item>
          <List.Item>{t('reservations.review.quantity', { quantity: Number(details.quantity) })}</List.Item>
          <List.Item>{t('reservations.review.usageDate', { date: formatDate(details.usageDate, i18n.language) })}</List.Item>
        </List>
        <Text maw={760}>{t('reservations.review.terms')}</Text>
        <Checkbox
          label={t('reservations.review.accept')}
          name="acceptTerms"
          checked={accepted}
          error={error}
          onChange={(e) => setAccepted(e.currentTarget.checked)}
        />
        {submit.isError && <ErrorAlert error={submit.error} />}
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('reservations.flow.back')}
          </Button>
          <Button type="submit" loading={submit.isPending}>
            {t('reservations.review.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * R-RES-1…R-RES-5: Make a reservation in four steps. Everything chosen stays in this page's state
 * until Submit: leaving before that saves nothing.
 */
export function MakeReservationPage() {
  const { t } = useTranslation();
  usePageTitle(t('reservations.flow.title'));
  const enrollments = useQuery(reservableEnrollmentsQuery);
  const [step, setStep] = useState<Step>('enrollment');
  const [enrollmentId, setEnrollmentId] = useState<string>();
  const [service, setService] = useState<ReservableService>();
  const [details, setDetails] = useState<Details>({ action: 'ADD_LICENSE', quantity: 1, usageDate: '' });
  const enrollment = enrollments.data?.items.find((e) => e.id === enrollmentId);
  const index = STEPS.indexOf(step);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('reservations.flow.title')}</Title>
      <Group gap="md">
        <AnchorLink to="/online-services/reservations/history">{t('reservations.links.history')}</AnchorLink>
        <AnchorLink to="/online-services/reservations/true-up">{t('reservations.links.trueUp')}</AnchorLink>
      </Group>
      <Text maw={760}>{t('reservations.flow.intro')}</Text>
      {enrollments.isPending && <Loading />}
      {enrollments.isError && <ErrorAlert error={enrollments.error} />}
      {enrollments.isSuccess && enrollments.data.items.length === 0 && (
        <EmptyNotice title={t('reservations.flow.noneTitle')} description={t('reservations.flow.none')} data-state="no-access" />
      )}
      {enrollments.isSuccess && enrollments.data.items.length > 0 && (
        <SectionPanel
          headingId="reservation-step"
          title={t('reservations.flow.step', { step: index + 1, of: STEPS.length, name: t(`reservations.flow.steps.${step}`) })}
        >
          {step === 'enrollment' && (
            <ChooseEnrollment
              items={enrollments.data.items}
              chosen={enrollmentId}
              onChoose={(id) => {
                if (id !== enrollmentId) setService(undefined);
                setEnrollmentId(id);
                const chosen = enrollments.data.items.find((e) => e.id === id);
                if (chosen && !details.usageDate) setDetails({ ...details, usageDate: chosen.usageWindow.from });
                setStep('service');
              }}
            />
          )}
          {step === 'service' && enrollmentId && (
            <ChooseService
              licensingId={enrollmentId}
              chosen={service}
              onBack={() => setStep('enrollment')}
              onChoose={(s) => {
                setService(s);
                setStep('details');
              }}
            />
          )}
          {step === 'details' && enrollment && (
            <ChooseDetails
              enrollment={enrollment}
              initial={details}
              onBack={() => setStep('service')}
              onChoose={(d) => {
                setDetails(d);
                setStep('review');
              }}
            />
          )}
          {step === 'review' && enrollment && service && (
            <Review enrollment={enrollment} service={service} details={details} onBack={() => setStep('details')} />
          )}
        </SectionPanel>
      )}
    </Stack>
  );
}
