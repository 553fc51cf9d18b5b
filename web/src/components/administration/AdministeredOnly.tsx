import type { ReactNode } from 'react';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { NoAdministeredIds } from './NoAdministeredIds';
import type { Administered } from './useAdministered';

/**
 * R-PERM-12: a page's content for Administrators, shown once the Licensing IDs the user administers
 * are known and there is one; until then the loading state or the error, and with none, the way to ask.
 */
export function AdministeredOnly({ administered, children }: { administered: Administered; children: ReactNode }) {
  if (administered.error) return <ErrorAlert error={administered.error} />;
  if (!administered.ready) return <Loading />;
  if (administered.ids.length === 0) return <NoAdministeredIds />;
  return children;
}
