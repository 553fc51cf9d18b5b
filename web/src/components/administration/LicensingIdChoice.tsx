import { Checkbox, Stack } from '@mantine/core';

export interface LicensingIdOption {
  id: string;
  number: string;
  name: string;
}

/** Several Licensing IDs to give the same roles on at once (Manage Users at scale), as checkboxes. */
export function LicensingIdChoice({
  label,
  description,
  options,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  options: readonly LicensingIdOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt="xs">
        {options.map((p) => (
          <Checkbox key={p.id} value={p.id} label={`${p.number} · ${p.name}`} data-licensing-id={p.number} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
