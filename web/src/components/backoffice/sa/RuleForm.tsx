import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POOLS, type Pool } from '../../../api/licensing';
import { BENEFIT_CODES, type BenefitCode } from '../../../api/software-assurance';
import { BENEFIT_UNIT, checkRule, isMeasured, type Rule, type RuleInput, type RuleInputProblems } from './rule-draft';

/**
 * Adds a rule to the draft or edits one of it (R-SA-1). It checks what the API checks, so the
 * draft holds only rules the server would take, except unknown product codes.
 */
export function RuleForm({
  opened,
  initial,
  editing,
  onClose,
  onDone,
}: {
  opened: boolean;
  initial: RuleInput;
  editing: boolean;
  onClose: () => void;
  onDone: (rule: Rule) => void;
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState(initial);
  const [problems, setProblems] = useState<RuleInputProblems>({});
  useEffect(() => {
    if (opened) {
      setInput(initial);
      setProblems({});
    }
  }, [opened, initial]);
  const problem = (field: keyof RuleInputProblems) => (problems[field] ? t(`saBackoffice.form.${problems[field]}`) : undefined);
  const measured = input.benefit ? isMeasured(input.benefit) : true;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkRule(input);
    if (checked.problems) {
      setProblems(checked.problems);
      return;
    }
    onDone(checked.rule);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('saBackoffice.form.editTitle') : t('saBackoffice.form.addTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <NativeSelect
            label={t('saBackoffice.form.benefit')}
            required
            value={input.benefit}
            error={problem('benefit')}
            data={[
              { value: '', label: t('saBackoffice.form.chooseBenefit') },
              ...BENEFIT_CODES.map((b) => ({ value: b, label: t(`softwareAssurance.benefits.${b}`) })),
            ]}
            onChange={(e) => setInput({ ...input, benefit: e.currentTarget.value as BenefitCode | '' })}
          />
          <Checkbox.Group
            label={t('saBackoffice.form.pools')}
            description={t('saBackoffice.form.poolsHelp')}
            value={input.pools}
            error={problem('qualifies')}
            onChange={(pools) => setInput({ ...input, pools: pools as Pool[] })}
          >
            <Group mt="xs">
              {POOLS.map((p) => (
                <Checkbox key={p} value={p} label={t(`licensing.pools.${p}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label={t('saBackoffice.form.productCodes')}
            description={t('saBackoffice.form.productCodesHelp')}
            autosize
            minRows={2}
            value={input.productCodes}
            error={problem('productCodes')}
            onChange={(e) => setInput({ ...input, productCodes: e.currentTarget.value })}
          />
          {measured ? (
            <TextInput
              label={t('saBackoffice.form.perLicense')}
              description={
                input.benefit
                  ? t('saBackoffice.form.perLicenseHelp', { unit: t(`saBackoffice.unitNames.${BENEFIT_UNIT[input.benefit]}`) })
                  : t('saBackoffice.form.perLicenseHelpAny')
              }
              required
              inputMode="decimal"
              value={input.perLicense}
              error={problem('perLicense')}
              onChange={(e) => setInput({ ...input, perLicense: e.currentTarget.value })}
            />
          ) : (
            <TextInput label={t('saBackoffice.form.perLicense')} value={t('softwareAssurance.units.UNMEASURED')} readOnly disabled />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{editing ? t('saBackoffice.form.keepEdit') : t('saBackoffice.form.keepAdd')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
