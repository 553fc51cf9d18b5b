import { EmptyState } from '@mantine/core';

/** A translated "your roles do not allow this" state in place of a list (R-KEY-9, R-DL-1). */
export function NoAccess({ title, description }: { title: string; description: string }) {
  return (
    <EmptyState data-state="no-access">
      <EmptyState.Title order={2}>{title}</EmptyState.Title>
      <EmptyState.Description>{description}</EmptyState.Description>
    </EmptyState>
  );
}
