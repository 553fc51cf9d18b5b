import { AppShell, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { AppHeader } from './AppHeader';
import { MAIN_CONTENT_ID } from './SkipLink';

/** Shell for pages shown without a session (sign-in, not found). */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppHeader />
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Container size="xs" py="xl">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
