import type { LinkComponentProps } from '@tanstack/react-router';
import { useAdministered } from './useAdministered';

/**
 * Sub-entries of Administration in the main navigation: everybody's own pages, and the
 * Administrators' pages for those who administer a Licensing ID (R-PERM-12).
 */
export function useAdministrationNavItems(): { to: LinkComponentProps['to']; labelKey: string; nested: true }[] {
  const administered = useAdministered();
  const isAdmin = administered.ids.length > 0;
  const hasOpen = administered.ids.some((p) => p.programCode === 'OPEN_LICENSE');
  return [
    { to: '/administration/permissions' as const, labelKey: 'administration.permissions.title', nested: true as const },
    ...(isAdmin
      ? [
          { to: '/administration/users' as const, labelKey: 'administration.users.title', nested: true as const },
          { to: '/administration/requests' as const, labelKey: 'administration.requests.title', nested: true as const },
          { to: '/administration/audit' as const, labelKey: 'administration.audit.title', nested: true as const },
        ]
      : []),
    { to: '/administration/request-permissions' as const, labelKey: 'administration.request.title', nested: true as const },
    { to: '/administration/add-open-license' as const, labelKey: 'administration.addOpen.title', nested: true as const },
    ...(hasOpen
      ? [{ to: '/administration/open-licenses' as const, labelKey: 'administration.openLicenses.title', nested: true as const }]
      : []),
  ];
}
