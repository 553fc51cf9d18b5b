import { Paper, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * R-REL-5: one section of a report. A section the user's roles do not include is still shown —
 * dimmed, with a note saying why — but carries no data.
 */
export function DimmedSection({ id, title, visible, children }: { id?: string; title: string; visible: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Paper
      component="section"
      id={id}
      aria-labelledby={headingId}
      withBorder
      p="md"
      data-dimmed={visible ? 'false' : 'true'}
      bg={visible ? undefined : 'gray.1'}
      style={visible ? undefined : { borderStyle: 'dashed' }}
    >
      <Title order={2} size="h4" mb="sm" id={headingId} c={visible ? undefined : 'gray.7'}>
        {title}
      </Title>
      {visible ? children : <Text c="gray.8">{t('licensing.report.dimmed')}</Text>}
    </Paper>
  );
}
