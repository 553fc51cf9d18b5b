import { Alert, Badge, Button, Checkbox, Fieldset, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCustomReport, type FilterValues, type ReportDefinition } from '../../api/reports';
import { ErrorAlert } from '../ErrorAlert';

/** One side of the column chooser: the columns with a checkbox each to mark them for moving. */
function ColumnList({
  title,
  columns,
  marked,
  onMark,
  locked,
}: {
  title: string;
  columns: ReportDefinition['columns'];
  marked: Set<string>;
  onMark: (id: string, on: boolean) => void;
  locked?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={title} p="sm">
      <Stack gap={6}>
        {columns.map((c) => (
          <Group key={c.id} gap="xs" wrap="nowrap">
            <Checkbox
              label={t(`reports.columns.${c.id}`)}
              checked={marked.has(c.id)}
              disabled={locked && c.required}
              onChange={(e) => onMark(c.id, e.currentTarget.checked)}
            />
            {locked && c.required && (
              <Badge size="xs" variant="outline" color="gray">
                {t('reports.save.required')}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Fieldset>
  );
}

/**
 * R-REP-3: "Save as custom report": a name, an optional description and the columns, chosen by
 * moving them between the Available and Selected lists; required columns stay selected.
 */
export function SaveCustomReport({
  report,
  filters,
  columns,
  onSaved,
}: {
  report: ReportDefinition;
  filters: FilterValues;
  columns: string[];
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [selected, setSelected] = useState<string[]>(columns);
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const save = useMutation({
    mutationFn: () =>
      createCustomReport({ baseReport: report.id, name, description: description.trim() || null, filters, columns: selected }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['custom-reports'] });
      close();
      onSaved(saved.name);
    },
  });
  const mark = (id: string, on: boolean) =>
    setMarked((m) => {
      const next = new Set(m);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const available = report.columns.filter((c) => !selected.includes(c.id));
  const chosen = report.columns.filter((c) => selected.includes(c.id));
  const move = (add: boolean) => {
    setSelected((s) =>
      add
        ? report.columns.filter((c) => s.includes(c.id) || marked.has(c.id)).map((c) => c.id)
        : s.filter((id) => !marked.has(id) || report.columns.find((c) => c.id === id)?.required),
    );
    setMarked(new Set());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <Button variant="default" onClick={open}>
        {t('reports.save.button')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('reports.save.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              label={t('reports.save.name')}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Textarea
              label={t('reports.save.description')}
              maxLength={500}
              autosize
              minRows={2}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Title order={3} size="h5">
              {t('reports.save.columns')}
            </Title>
            <Text size="sm">{t('reports.save.requiredHelp')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ColumnList title={t('reports.save.available')} columns={available} marked={marked} onMark={mark} />
              <ColumnList title={t('reports.save.selected')} columns={chosen} marked={marked} onMark={mark} locked />
            </SimpleGrid>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => move(true)}>
                {t('reports.save.add')}
              </Button>
              <Button variant="default" size="xs" onClick={() => move(false)}>
                {t('reports.save.remove')}
              </Button>
            </Group>
            {save.isError && <ErrorAlert error={save.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('reports.save.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The confirmation after saving, with the name the user gave. */
export function SavedNotice({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="outline" role="status">
      {t('reports.save.saved', { name })}
    </Alert>
  );
}
