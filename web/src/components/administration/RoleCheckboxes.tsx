import { Checkbox, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';

export const ALL_ROLES: Role[] = [
  'ADMINISTRATOR',
  'LICENSING_INFO_VIEWER',
  'DOWNLOAD',
  'PRODUCT_KEYS',
  'SA_MANAGER',
  'ONLINE_SERVICES_MANAGER',
  'SUBSCRIPTIONS_MANAGER',
];

/** R-PERM-1: any number of the seven roles on one Licensing ID. */
export function RoleCheckboxes({ label, value, onChange }: { label: string; value: Role[]; onChange: (roles: Role[]) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={label} value={value} onChange={(v) => onChange(v as Role[])}>
      <Group mt="xs" gap="md">
        {ALL_ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
