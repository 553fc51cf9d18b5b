import { Checkbox, Fieldset, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assignment, type GroupRole, type Holding, isGroupRole, roleGroupsQuery, type SubRoles } from '../../api/administration';
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

/** The form's state for one Licensing ID: a group listed in `subRoles` is narrowed, absent means "All". */
export type AssignmentValue = Holding;

export const EMPTY_ASSIGNMENT: AssignmentValue = { roles: [], subRoles: {}, manageReservation: false };

/** What the API gets: sub-roles only for chosen groups, Manage Reservation only with Online Services Manager. */
export function toAssignment(value: AssignmentValue, withReservation = true): Assignment {
  const subRoles: SubRoles = {};
  for (const [group, duties] of Object.entries(value.subRoles) as [GroupRole, string[]][]) {
    if (value.roles.includes(group)) subRoles[group] = duties;
  }
  const reservation = withReservation && value.manageReservation && value.roles.includes('ONLINE_SERVICES_MANAGER');
  return {
    roles: ALL_ROLES.filter((r) => value.roles.includes(r)),
    // The duties come from /role-groups at run time; the server refuses any it does not know.
    ...(Object.keys(subRoles).length ? { subRoles: subRoles as Assignment['subRoles'] } : {}),
    ...(withReservation ? { manageReservation: reservation } : {}),
  };
}

/** The translation key of what is wrong with an assignment, or undefined. */
export function assignmentProblem(value: AssignmentValue): string | undefined {
  if (value.roles.length === 0) return 'administration.assign.rolesRequired';
  for (const [group, duties] of Object.entries(value.subRoles) as [GroupRole, string[]][]) {
    if (value.roles.includes(group) && duties.length === 0) return 'administration.assign.dutiesRequired';
  }
  return undefined;
}

/** The editable form of what someone holds. */
export const fromHolding = (h: Holding): AssignmentValue => ({
  roles: [...h.roles],
  subRoles: { ...(h.subRoles ?? {}) },
  manageReservation: h.manageReservation ?? false,
});

/**
 * R-PERM-8: the duties of a role group, "All" by default. Unticking a duty narrows the group;
 * ticking "All duties" widens it again.
 */
function GroupDuties({
  group,
  duties,
  chosen,
  onChange,
  idPrefix,
}: {
  group: GroupRole;
  duties: string[];
  /** undefined: All. */
  chosen: string[] | undefined;
  onChange: (next: string[] | undefined) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const selected = chosen ?? duties;
  const all = chosen === undefined;
  return (
    <Fieldset
      variant="unstyled"
      legend={t('administration.assign.dutiesOf', { role: t(`roles.${group}`) })}
      mt="sm"
      data-role-group={group}
    >
      <Stack gap={6} mt={4}>
        <Checkbox
          id={`${idPrefix}-${group}-all`}
          label={t('administration.assign.allDuties')}
          checked={all}
          indeterminate={!all && selected.length > 0}
          onChange={(e) => onChange(e.currentTarget.checked ? undefined : [])}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6} ml="lg">
          {duties.map((duty) => (
            <Checkbox
              key={duty}
              id={`${idPrefix}-${group}-${duty}`}
              label={t(`administration.subRoles.${duty}`)}
              checked={selected.includes(duty)}
              onChange={(e) => {
                const next = e.currentTarget.checked ? [...selected, duty] : selected.filter((d) => d !== duty);
                const ordered = duties.filter((d) => next.includes(d));
                onChange(ordered.length === duties.length ? undefined : ordered);
              }}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/**
 * R-PERM-1, R-PERM-8, R-PERM-9: any of the seven roles on one Licensing ID; the three role groups
 * with their duties ("All" unless narrowed); Manage Reservation for an Online Services Manager.
 */
export function RoleAssignment({
  legend,
  description,
  value,
  onChange,
  idPrefix,
  withReservation = true,
  error,
}: {
  legend: string;
  description?: ReactNode;
  value: AssignmentValue;
  onChange: (next: AssignmentValue) => void;
  /** Unique per form, for the checkboxes' ids. */
  idPrefix: string;
  withReservation?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const groups = useQuery(roleGroupsQuery);
  const dutiesOf = (group: GroupRole) => groups.data?.find((g) => g.role === group)?.subRoles ?? [];
  const toggle = (role: Role, on: boolean) => {
    const roles = on ? [...value.roles, role] : value.roles.filter((r) => r !== role);
    const subRoles = { ...value.subRoles };
    if (!on && isGroupRole(role)) delete subRoles[role];
    onChange({ ...value, roles, subRoles, manageReservation: role === 'ONLINE_SERVICES_MANAGER' && !on ? false : value.manageReservation });
  };
  const errorId = `${idPrefix}-error`;
  return (
    <Fieldset legend={legend} aria-describedby={error ? errorId : undefined} data-assignment={idPrefix}>
      {description && (
        <Group gap="xs" mb="xs" fz="sm">
          {description}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing="xs">
        {ALL_ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`${idPrefix}-${role}`}
            label={t(`roles.${role}`)}
            checked={value.roles.includes(role)}
            onChange={(e) => toggle(role, e.currentTarget.checked)}
          />
        ))}
      </SimpleGrid>
      {ALL_ROLES.filter((role) => isGroupRole(role) && value.roles.includes(role)).map((role) =>
        isGroupRole(role) && dutiesOf(role).length > 0 ? (
          <GroupDuties
            key={role}
            group={role}
            duties={dutiesOf(role)}
            chosen={value.subRoles[role]}
            idPrefix={idPrefix}
            onChange={(next) => {
              const subRoles = { ...value.subRoles };
              if (next === undefined) delete subRoles[role];
              else subRoles[role] = next;
              onChange({ ...value, subRoles });
            }}
          />
        ) : null,
      )}
      {withReservation && value.roles.includes('ONLINE_SERVICES_MANAGER') && (
        <Checkbox
          mt="sm"
          id={`${idPrefix}-reservation`}
          label={t('administration.assign.manageReservation')}
          description={t('administration.assign.manageReservationHelp')}
          checked={value.manageReservation}
          onChange={(e) => onChange({ ...value, manageReservation: e.currentTarget.checked })}
        />
      )}
      {error && (
        <Text id={errorId} c="red.9" size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
