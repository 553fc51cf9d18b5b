import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Holding, isGroupRole } from '../../api/administration';

/** Roles on one Licensing ID, a narrowed role group with its duties (R-PERM-8), and Manage Reservation (R-PERM-9). */
export function HoldingSummary({ holding }: { holding: Holding }) {
  const { t } = useTranslation();
  if (holding.roles.length === 0) return <Text size="sm">{t('administration.noRoles')}</Text>;
  return (
    <Group gap={4}>
      {holding.roles.map((role) => {
        const narrowed = isGroupRole(role) ? holding.subRoles[role] : undefined;
        return (
          <Badge key={role} variant="light" color="dark" tt="none" data-role={role}>
            {narrowed
              ? t('administration.roleNarrowed', {
                  role: t(`roles.${role}`),
                  duties: narrowed.map((d) => t(`administration.subRoles.${d}`)).join(', '),
                })
              : t(`roles.${role}`)}
          </Badge>
        );
      })}
      {holding.manageReservation && (
        <Badge variant="outline" color="dark" tt="none">
          {t('administration.assign.manageReservation')}
        </Badge>
      )}
    </Group>
  );
}
