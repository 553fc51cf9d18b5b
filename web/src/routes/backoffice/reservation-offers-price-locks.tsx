import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addPriceLock, type OnlineServiceOffer, type PriceLocks, priceLocksQuery, removePriceLock } from '../../api/reservation-offers';
import { licensingIdMatchesQuery } from '../../api/sa-backoffice';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyNotice } from '../../components/EmptyNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { SectionPanel } from '../../components/SectionPanel';
import { CaptionedTable } from '../../components/tables';
import { programName } from '../../lib/programName';

/** The fixed prices of one enrollment: removed and added after a confirmation; the enrollment's Administrators are mailed. */
function EnrollmentLocks({ licensingId, offers }: { licensingId: string; offers: readonly OnlineServiceOffer[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locks = useQuery(priceLocksQuery(licensingId));
  const [productId, setProductId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = (answer: PriceLocks) => {
    queryClient.setQueryData(priceLocksQuery(licensingId).queryKey, answer);
  };
  const add = useMutation({
    mutationFn: (id: string) => addPriceLock(licensingId, id),
    onSuccess: (answer, id) => {
      refresh(answer);
      setProductId('');
      setDone(t('reservationOffers.locks.added', { service: offers.find((o) => o.productId === id)?.name ?? '' }));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removePriceLock(licensingId, id),
    onSuccess: (answer, id) => {
      refresh(answer);
      setDone(t('reservationOffers.locks.removed', { service: locks.data?.items.find((o) => o.productId === id)?.name ?? '' }));
    },
  });
  if (locks.isPending) return <Loading />;
  if (locks.isError) return <ErrorAlert error={locks.error} />;
  const lid = locks.data.licensingId;
  const locked = new Set(locks.data.items.map((i) => i.productId));
  const addable = offers.filter((o) => !locked.has(o.productId));
  const chosen = addable.find((o) => o.productId === productId);
  return (
    <Stack data-testid="price-locks">
      <Title order={3} size="h4">
        {t('reservationOffers.locks.of', { number: lid.number, name: lid.name })}
      </Title>
      <Text size="sm">{t('reservationOffers.locks.program', { program: programName(t, null, lid.program) })}</Text>
      {done && (
        <Alert color="green" variant="outline" role="status" data-testid="lock-done">
          {done}
        </Alert>
      )}
      {add.isError && <ErrorAlert error={add.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {locks.data.items.length === 0 ? (
        <EmptyNotice title={t('reservationOffers.locks.none')} description={t('reservationOffers.locks.noneHelp')} />
      ) : (
        <CaptionedTable
          caption={t('reservationOffers.locks.caption', { number: lid.number })}
          minWidth={480}
          columns={[t('reservationOffers.offers.service'), t('reservationOffers.offers.category'), t('reservationOffers.offers.actions')]}
        >
          {locks.data.items.map((l) => (
            <Table.Tr key={l.productId} data-lock={l.code}>
              <Table.Th scope="row" fw={400}>
                {l.name} ({l.code})
              </Table.Th>
              <Table.Td>{t(`reservations.categories.${l.category}`)}</Table.Td>
              <Table.Td>
                <ConfirmButton
                  label={t('reservationOffers.locks.remove')}
                  target={l.name}
                  title={t('reservationOffers.locks.removeTitle')}
                  question={t('reservationOffers.locks.removeQuestion', { service: l.name, number: lid.number })}
                  confirmLabel={t('reservationOffers.locks.remove')}
                  onConfirm={() => remove.mutate(l.productId)}
                  loading={remove.isPending}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </CaptionedTable>
      )}
      {lid.mayLock ? (
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('reservationOffers.locks.service')}
            value={productId}
            w={{ base: '100%', xs: 320 }}
            onChange={(e) => setProductId(e.currentTarget.value)}
            data={[
              { value: '', label: t('reservationOffers.locks.choose') },
              ...addable.map((o) => ({ value: o.productId, label: `${o.name} (${o.code})` })),
            ]}
          />
          {chosen && (
            <ConfirmButton
              label={t('reservationOffers.locks.add')}
              destructive={false}
              size="sm"
              variant="filled"
              title={t('reservationOffers.locks.addTitle')}
              question={t('reservationOffers.locks.addQuestion', { service: chosen.name, number: lid.number })}
              confirmLabel={t('reservationOffers.locks.add')}
              onConfirm={() => add.mutate(chosen.productId)}
              loading={add.isPending}
            />
          )}
        </Group>
      ) : (
        <Alert color="yellow" variant="outline" data-testid="not-enterprise">
          {t('reservationOffers.locks.notEnterprise')}
        </Alert>
      )}
    </Stack>
  );
}

/** R-RES-4: find a Licensing ID by its number (the operator's lookup) and manage its fixed prices. */
export function PriceLocksSection({ offers }: { offers: readonly OnlineServiceOffer[] }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | null>(null);
  const matches = useQuery({ ...licensingIdMatchesQuery(number), enabled: number !== '' });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typed.trim();
    setProblem(value ? undefined : t('reservationOffers.locks.numberRequired'));
    if (value) {
      setNumber(value);
      setSelected(null);
    }
  };
  return (
    <SectionPanel headingId="reservation-price-locks" title={t('reservationOffers.locks.title')}>
      <Text maw={760}>{t('reservationOffers.locks.intro')}</Text>
      <form noValidate onSubmit={onSubmit}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('reservationOffers.locks.number')}
            value={typed}
            error={problem}
            maxLength={40}
            w={{ base: '100%', xs: 320 }}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit">{t('reservationOffers.locks.find')}</Button>
        </Group>
      </form>
      {number !== '' && matches.isPending && <Loading />}
      {matches.isError && <ErrorAlert error={matches.error} />}
      {number !== '' && matches.data?.items.length === 0 && (
        <EmptyNotice title={t('reservationOffers.locks.noMatchTitle')} description={t('reservationOffers.locks.noMatch', { number })} />
      )}
      {matches.data && matches.data.items.length > 0 && (
        <Group gap="xs" wrap="wrap">
          {matches.data.items.map((m) => (
            <Button
              key={m.id}
              size="xs"
              variant={selected === m.id ? 'filled' : 'outline'}
              aria-pressed={selected === m.id}
              onClick={() => setSelected(m.id)}
            >
              {t('reservationOffers.locks.pick', { number: m.number, program: programName(t, m.programCode, null) })}
            </Button>
          ))}
        </Group>
      )}
      {selected && <EnrollmentLocks key={selected} licensingId={selected} offers={offers} />}
    </SectionPanel>
  );
}
