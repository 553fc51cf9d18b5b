import { Alert, Badge, Button, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignVoucher, type Benefit, cancelVoucher, type Voucher, vouchersQuery } from '../../api/software-assurance';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { formatDay } from '../identity/format';
import { DataTable } from '../licensing/DataTable';
import { RecipientFields, useRecipient } from '../recipient/RecipientFields';
import { SectionPanel } from '../SectionPanel';

const refresh = (q: { queryKey: readonly unknown[] }) => ['sa-vouchers', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0]));

/** R-SA-5: assign days of an Activated Training Vouchers benefit to an employee, who gets the voucher by mail. */
function AssignForm({ licensingId, remaining }: { licensingId: string; remaining: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const employee = useRecipient('softwareAssurance.vouchers');
  const [days, setDays] = useState<number | string>(1);
  const [daysError, setDaysError] = useState<string>();
  const assign = useMutation({
    mutationFn: () => {
      const { name, email, locale } = employee.body();
      return assignVoucher(licensingId, { employeeName: name, employeeEmail: email, locale, days: Number(days) });
    },
    onSuccess: () => {
      employee.reset();
      setDays(1);
      return queryClient.invalidateQueries({ predicate: refresh });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const employeeOk = employee.check();
    const problem = Number.isInteger(Number(days)) && Number(days) >= 1 ? undefined : t('softwareAssurance.vouchers.daysInvalid');
    setDaysError(problem);
    if (employeeOk && !problem) assign.mutate();
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="assign-voucher">
      <Stack maw={520}>
        <Text size="sm">{t('softwareAssurance.vouchers.remaining', { count: remaining })}</Text>
        <RecipientFields state={employee} nameField="employeeName" />
        <NumberInput
          label={t('softwareAssurance.vouchers.days')}
          name="days"
          required
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={days}
          error={daysError}
          onChange={setDays}
        />
        {assign.isError && <ErrorAlert error={assign.error} />}
        {assign.isSuccess && (
          <Alert color="green" variant="outline" role="status" data-testid="voucher-assigned">
            {t('softwareAssurance.vouchers.assigned', { days: assign.data.days, email: assign.data.employeeEmail })}
          </Alert>
        )}
        <Button type="submit" loading={assign.isPending} w="fit-content">
          {t('softwareAssurance.vouchers.assign')}
        </Button>
      </Stack>
    </form>
  );
}

const STATUS_COLOR = { ASSIGNED: 'blue', REDEEMED: 'green', CANCELLED: 'gray' } as const;

/** R-SA-5: the vouchers assigned, with Cancel (after confirming) for those not yet redeemed. */
function VoucherList({ licensingId, canCancel }: { licensingId: string; canCancel: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const vouchers = useQuery(vouchersQuery(licensingId));
  const cancel = useMutation({
    mutationFn: (id: string) => cancelVoucher(licensingId, id),
    onSuccess: () => queryClient.invalidateQueries({ predicate: refresh }),
  });
  if (vouchers.isError) return <ErrorAlert error={vouchers.error} />;
  const rows = vouchers.data?.vouchers ?? [];
  if (rows.length === 0) return <Text c="dimmed">{t('softwareAssurance.vouchers.none')}</Text>;
  return (
    <Stack>
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      <DataTable<Voucher>
        caption={t('softwareAssurance.vouchers.caption')}
        rows={rows}
        rowKey={(v) => v.id}
        rowAttributes={(v) => ({ 'data-voucher': v.voucherNumber })}
        minWidth={720}
        columns={[
          { key: 'employee', header: t('softwareAssurance.vouchers.employee'), rowHeader: true, cell: (v) => v.employeeName },
          { key: 'email', header: t('softwareAssurance.vouchers.email'), cell: (v) => v.employeeEmail },
          { key: 'number', header: t('softwareAssurance.vouchers.number'), cell: (v) => v.voucherNumber },
          { key: 'days', header: t('softwareAssurance.vouchers.days'), numeric: true, cell: (v) => v.days },
          {
            key: 'status',
            header: t('softwareAssurance.columns.status'),
            cell: (v) => (
              <Stack gap={2} align="flex-start">
                <Badge color={STATUS_COLOR[v.status]} variant="light">
                  {t(`softwareAssurance.vouchers.statuses.${v.status}`)}
                </Badge>
                {/* R-SA-5: which training provider redeemed it, and when. */}
                {v.status === 'REDEEMED' && v.redeemedAt && (
                  <Text size="xs" data-testid="voucher-redeemed">
                    {t('softwareAssurance.vouchers.redeemedDetail', {
                      provider: v.redeemedBy ?? '',
                      date: formatDay(v.redeemedAt, i18n.language),
                    })}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: 'action',
            header: t('softwareAssurance.columns.action'),
            cell: (v) =>
              canCancel && v.status === 'ASSIGNED' ? (
                <ConfirmButton
                  label={t('softwareAssurance.vouchers.cancel')}
                  target={v.voucherNumber}
                  title={t('softwareAssurance.vouchers.cancelTitle')}
                  question={t('softwareAssurance.vouchers.cancelQuestion', { days: v.days, name: v.employeeName })}
                  confirmLabel={t('softwareAssurance.vouchers.cancel')}
                  loading={cancel.isPending && cancel.variables === v.id}
                  onConfirm={() => cancel.mutate(v.id)}
                />
              ) : null,
          },
        ]}
      />
    </Stack>
  );
}

/** The Training Vouchers benefit's own section on the Licensing ID's benefits page. */
export function TrainingVouchers({ licensingId, benefit }: { licensingId: string; benefit: Benefit }) {
  const { t } = useTranslation();
  const status = benefit.status;
  return (
    <SectionPanel headingId="training-vouchers" title={t('softwareAssurance.vouchers.title')}>
      <Text maw={760}>{t('softwareAssurance.vouchers.intro')}</Text>
      {status === 'ACTIVATED' ? (
        <AssignForm licensingId={licensingId} remaining={benefit.quantityRemaining ?? 0} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="vouchers-closed">
          {t(`softwareAssurance.vouchers.closed.${status}`)}
        </Text>
      )}
      <VoucherList licensingId={licensingId} canCancel={benefit.status !== 'EXPIRED'} />
    </SectionPanel>
  );
}
