import { useQuery } from '@tanstack/react-query';
import { type MyPermission, myPermissionsQuery } from '../../api/administration';

export interface Administered {
  ready: boolean;
  ids: MyPermission[];
  error: unknown;
}

/**
 * R-PERM-12: the Licensing IDs the signed-in user administers, the only ones administration pages
 * offer. `ready` once known.
 */
export function useAdministered(): Administered {
  const mine = useQuery(myPermissionsQuery('all'));
  return {
    ready: mine.isSuccess,
    ids: (mine.data ?? []).filter((p) => p.roles.includes('ADMINISTRATOR')),
    error: mine.error,
  };
}
