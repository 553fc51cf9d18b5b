import { useQuery } from '@tanstack/react-query';
import { relationshipSummaryQuery } from '../../api/queries';
import type { LicensingIdRow, Role } from '../../api/types';

/** The roles behind `keys.view` and `keys.request` (R-KEY-9, R-PERM-13) and behind `downloads.get` (R-DL-1). */
export const KEY_ROLES: Role[] = ['ADMINISTRATOR', 'PRODUCT_KEYS'];
export const DOWNLOAD_ROLES: Role[] = ['ADMINISTRATOR', 'DOWNLOAD', 'SA_MANAGER'];

/**
 * The signed-in user's Licensing IDs (active or not) on which one of `roles` is held, from the
 * Relationship Summary; `isSuccess` with an empty list means the user holds none of them anywhere.
 */
export function useLicensingIdsWith(roles: Role[]) {
  const summary = useQuery(relationshipSummaryQuery('all'));
  const rows: LicensingIdRow[] = [];
  const seen = new Set<string>();
  for (const group of summary.data?.groups ?? [])
    for (const parent of group.parents)
      for (const row of parent.licensingIds)
        if (!seen.has(row.id) && row.roles.some((r) => roles.includes(r))) {
          seen.add(row.id);
          rows.push(row);
        }
  rows.sort((a, b) => a.number.localeCompare(b.number));
  return { rows, isPending: summary.isPending, isSuccess: summary.isSuccess, error: summary.error };
}
