import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

/** `data-*` attributes that tests and styles find a notice by. */
type DataAttributes = { [name: `data-${string}`]: string | undefined };

/** In place of a list or a page: a heading saying what is not there, and a line on why or what to do. */
export function EmptyNotice({ title, description, ...data }: { title: ReactNode; description: ReactNode } & DataAttributes) {
  return (
    <EmptyState {...data}>
      <EmptyState.Title order={2}>{title}</EmptyState.Title>
      <EmptyState.Description>{description}</EmptyState.Description>
    </EmptyState>
  );
}

/** A translated "your roles do not allow this" state in place of a list or a page (R-KEY-9, R-DL-1, R-PERM-12). */
export function NoAccess({ title, description }: { title: ReactNode; description: ReactNode }) {
  return <EmptyNotice title={title} description={description} data-state="no-access" />;
}
