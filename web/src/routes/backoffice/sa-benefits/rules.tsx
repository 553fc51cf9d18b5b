import { Alert, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemDetail } from '../../../api/client';
import { benefitRulesQuery, replaceBenefitRules } from '../../../api/sa-backoffice';
import { RuleForm } from '../../../components/backoffice/sa/RuleForm';
import {
  changesOf,
  type DraftRule,
  draftOf,
  EMPTY_INPUT,
  inputOf,
  type Rule,
  type RuleChange,
  type RuleInput,
  ruleOf,
} from '../../../components/backoffice/sa/rule-draft';
import { perLicenseText, qualifiesText, ruleText } from '../../../components/backoffice/sa/ruleText';
import { EmptyNotice } from '../../../components/EmptyNotice';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { AnchorLink } from '../../../components/links';
import { ScrollTable } from '../../../components/tables';
import { usePageTitle } from '../../../lib/usePageTitle';

/** One line of the confirmation: what saving does to one rule. */
function ChangeLine({ change }: { change: RuleChange }) {
  const { t } = useTranslation();
  const text = (r: Rule) => ruleText(t, r);
  if (change.kind === 'changed') {
    return <>{t('saBackoffice.rules.changed', { before: text(change.before), rule: text(change.rule) })}</>;
  }
  return <>{t(`saBackoffice.rules.${change.kind}`, { rule: text(change.rule) })}</>;
}

/**
 * R-SA-1: the publisher's benefit rules: which pools or products qualify for a benefit and how much
 * each SA-covered license gives. The API replaces the set, so edits collect in a draft that is
 * saved, after a confirmation listing what changes, all at once.
 */
export function SaBenefitRulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('saBackoffice.rules.title'));
  const queryClient = useQueryClient();
  const rules = useQuery(benefitRulesQuery);
  const saved = useMemo(() => (rules.data?.rules ?? []).map(ruleOf), [rules.data]);
  // null: nothing edited yet, the draft is the saved set.
  const [edited, setEdited] = useState<DraftRule[] | null>(null);
  const draft = edited ?? draftOf(saved);
  const changes = changesOf(saved, draft);
  const [form, setForm] = useState<{ key: string | null; input: RuleInput } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => replaceBenefitRules(draft.map((d) => d.rule)),
    onSuccess: async () => {
      setConfirming(false);
      setEdited(null);
      setNotice(t('saBackoffice.rules.saved', { count: changes.length }));
      await queryClient.invalidateQueries({
        predicate: (q) => ['operator-sa-rules', 'operator-sa-benefits', 'sa-benefits', 'sa-summary'].includes(String(q.queryKey[0])),
      });
    },
    onError: () => setConfirming(false),
  });
  const change = (next: DraftRule[] | null) => {
    setEdited(next);
    setConfirming(false);
    setNotice(null);
    save.reset();
  };
  const keep = (rule: Rule) => {
    const key = form?.key ?? null;
    change(
      key === null
        ? [...draft, { key: `new-${Date.now()}-${draft.length}`, savedIndex: null, rule }]
        : draft.map((d) => (d.key === key ? { ...d, rule } : d)),
    );
    setForm(null);
  };
  const unknownCodes = problemDetail<string[]>(save.error, 'productCodes');
  return (
    <Stack gap="lg">
      <AnchorLink to="/operator/sa-benefits" search={{ number: '' }} size="sm" w="fit-content">
        {t('saBackoffice.rules.toBenefits')}
      </AnchorLink>
      <Stack gap="xs">
        <Title order={1}>{t('saBackoffice.rules.title')}</Title>
        <Text maw={760}>{t('saBackoffice.rules.intro')}</Text>
      </Stack>
      <div role="status">
        {notice && (
          <Alert
            color="green"
            variant="outline"
            title={t('saBackoffice.rules.savedTitle')}
            withCloseButton
            onClose={() => setNotice(null)}
            closeButtonLabel={t('common.close')}
          >
            {notice}
          </Alert>
        )}
      </div>
      {rules.isPending && <Loading />}
      {rules.isError && <ErrorAlert error={rules.error} />}
      {rules.data && (
        <>
          <Button w="fit-content" onClick={() => setForm({ key: null, input: EMPTY_INPUT })}>
            {t('saBackoffice.rules.add')}
          </Button>
          {draft.length === 0 ? (
            <EmptyNotice title={t('saBackoffice.rules.emptyTitle')} description={t('saBackoffice.rules.empty')} data-testid="no-rules" />
          ) : (
            <ScrollTable
              caption={t('saBackoffice.rules.caption')}
              minWidth={720}
              columns={[
                t('saBackoffice.rules.benefit'),
                t('saBackoffice.rules.qualifies'),
                t('saBackoffice.rules.perLicense'),
                // Room for both buttons side by side in either language.
                { label: t('saBackoffice.rules.actions'), minWidth: 190 },
              ]}
            >
              {draft.map((d) => {
                const name = t(`softwareAssurance.benefits.${d.rule.benefit}`);
                return (
                  <Table.Tr key={d.key} data-rule={d.rule.benefit}>
                    <Table.Th scope="row">{name}</Table.Th>
                    <Table.Td>{qualifiesText(t, d.rule)}</Table.Td>
                    <Table.Td>{perLicenseText(t, d.rule)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button
                          size="xs"
                          variant="outline"
                          aria-label={t('common.labelFor', { label: t('saBackoffice.rules.edit'), target: name })}
                          onClick={() => setForm({ key: d.key, input: inputOf(d.rule) })}
                        >
                          {t('saBackoffice.rules.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red"
                          aria-label={t('common.labelFor', { label: t('saBackoffice.rules.remove'), target: name })}
                          onClick={() => change(draft.filter((x) => x.key !== d.key))}
                        >
                          {t('saBackoffice.rules.remove')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </ScrollTable>
          )}
          {save.isError && (
            <ErrorAlert error={save.error}>
              {unknownCodes && unknownCodes.length > 0 && (
                <Text size="sm">{t('saBackoffice.rules.unknownCodes', { codes: unknownCodes.join(', ') })}</Text>
              )}
            </ErrorAlert>
          )}
          {changes.length > 0 && (
            <Alert
              color={confirming ? 'blue' : 'gray'}
              variant="outline"
              title={confirming ? t('saBackoffice.rules.confirmTitle') : t('saBackoffice.rules.changesTitle')}
              data-testid="rule-changes"
            >
              <Stack gap="xs">
                {confirming && <Text size="sm">{t('saBackoffice.rules.confirmQuestion')}</Text>}
                <List size="sm">
                  {changes.map((c, i) => (
                    <List.Item key={i}>
                      <ChangeLine change={c} />
                    </List.Item>
                  ))}
                </List>
                <Group>
                  {confirming ? (
                    <>
                      <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
                        {t('saBackoffice.rules.confirm')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                        {t('saBackoffice.rules.back')}
                      </Button>
                    </>
                  ) : (
                    <>
                      <Button size="xs" onClick={() => setConfirming(true)}>
                        {t('saBackoffice.rules.save')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => change(null)}>
                        {t('saBackoffice.rules.discard')}
                      </Button>
                    </>
                  )}
                </Group>
              </Stack>
            </Alert>
          )}
        </>
      )}
      <RuleForm
        opened={form !== null}
        initial={form?.input ?? EMPTY_INPUT}
        editing={form?.key != null}
        onClose={() => setForm(null)}
        onDone={keep}
      />
    </Stack>
  );
}
