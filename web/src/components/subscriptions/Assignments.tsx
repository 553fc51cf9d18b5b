import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assignment, assignmentsQuery, removeAssignment, type SubscriptionProduct } from '../../api/subscriptions';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../ErrorAlert';
import { DataTable } from '../licensing/DataTable';
import { SectionPanel } from '../SectionPanel';
import { refreshSubscriptions } from './AssignForm';
import { ReassignForm } from './ReassignForm';

/** R-PERM-2: the people who hold the product's subscriptions, searched and paged, each with Reassign and Remove (after confirming). */
export function Assignments({ licensingId, product }: { licensingId: string; product: SubscriptionProduct }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  // The cursors of the pages seen so far: the last is the page shown, Previous drops it.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const list = useQuery(assignmentsQuery(licensingId, { productId: product.productId, q: q.trim(), cursor }));
  const [reassigning, setReassigning] = useState<Assignment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => removeAssignment(licensingId, id),
    onSuccess: () => {
      setNotice(t('subscriptions.assignments.removed'));
      return queryClient.invalidateQueries({ predicate: refreshSubscriptions });
    },
  });
  const rows = list.data?.items ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <SectionPanel headingId="assignments" title={t('subscriptions.assignments.title', { product: product.productName })}>
      <TextInput
        label={t('subscriptions.assignments.search')}
        description={t('subscriptions.assignments.searchHint')}
        type="search"
        name="q"
        maw={360}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setCursors([undefined]);
        }}
      />
      {notice && (
        <Alert color="green" variant="outline" role="status" data-testid="assignments-notice">
          {notice}
        </Alert>
      )}
      {list.isError && <ErrorAlert error={list.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {reassigning && (
        <ReassignForm
          key={reassigning.id}
          licensingId={licensingId}
          assignment={reassigning}
          onCancel={() => setReassigning(null)}
          onDone={(email) => {
            setReassigning(null);
            setNotice(t('subscriptions.assignments.reassigned', { email }));
          }}
        />
      )}
      {list.isSuccess && rows.length === 0 ? (
        <Text c="dimmed">{t('subscriptions.assignments.none')}</Text>
      ) : (
        <DataTable<Assignment>
          caption={t('subscriptions.assignments.caption', { product: product.productName })}
          rows={rows}
          rowKey={(a) => a.id}
          rowAttributes={(a) => ({ 'data-assignment': a.email })}
          minWidth={640}
          columns={[
            { key: 'name', header: t('subscriptions.columns.person'), rowHeader: true, cell: (a) => a.name },
            { key: 'email', header: t('subscriptions.columns.email'), cell: (a) => a.email },
            { key: 'locale', header: t('subscriptions.columns.language'), cell: (a) => t(`subscriptions.assign.languages.${a.locale}`) },
            { key: 'assignedAt', header: t('subscriptions.columns.assignedAt'), cell: (a) => date.format(new Date(a.assignedAt)) },
            {
              key: 'action',
              header: t('subscriptions.columns.action'),
              cell: (a) => (
                <Group gap="xs" wrap="wrap">
                  <Button
                    size="xs"
                    variant="outline"
                    aria-label={t('common.labelFor', { label: t('subscriptions.assignments.reassign'), target: a.email })}
                    onClick={() => {
                      setNotice(null);
                      setReassigning(a);
                    }}
                  >
                    {t('subscriptions.assignments.reassign')}
                  </Button>
                  <ConfirmButton
                    label={t('subscriptions.assignments.remove')}
                    target={a.email}
                    title={t('subscriptions.assignments.removeTitle')}
                    question={t('subscriptions.assignments.removeQuestion', { name: a.name })}
                    confirmLabel={t('subscriptions.assignments.remove')}
                    loading={remove.isPending && remove.variables === a.id}
                    onConfirm={() => remove.mutate(a.id)}
                  />
                </Group>
              ),
            },
          ]}
        />
      )}
      {(cursors.length > 1 || list.data?.nextCursor) && (
        <Group>
          <Button variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('subscriptions.assignments.previous')}
          </Button>
          <Button
            variant="default"
            disabled={!list.data?.nextCursor}
            onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}
          >
            {t('subscriptions.assignments.next')}
          </Button>
        </Group>
      )}
    </SectionPanel>
  );
}
