import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered part of a page (a settings group, a form) named by its heading, `headingId` the heading's id. */
export function SectionPanel({ headingId, title, children }: { headingId: string; title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Stack>
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
