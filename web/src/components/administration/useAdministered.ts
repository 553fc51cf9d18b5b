import { useQuery } from '@tanstack/react-query';
import { type MyPermission, myPermissionsQuery } from '../../api/administration';

/**
 * R-PERM-12: the Licensing IDs the signed-in user administers, the only ones administration pages
 * offer. `ready` once known.
 */
export function useAdministered(): { ready: boolean; ids: MyPermission[]; error: unknown } {
  const mine = useQuery(myPermissionsQuery('all'));
  return {
    ready: mine.isSuccess,
    ids: (mine.data ?? []).filter((p) => p.roles.includes('ADMINISTRATOR')),
    error: mine.error,
  };
}
