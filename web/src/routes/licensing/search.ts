import { POOLS, type Pool, type SummaryStatus } from '../../api/licensing';
import { flag } from '../../lib/searchParams';

export interface LicenseSummarySearch {
  /** The chosen Licensing IDs; none means every one the user may see reports of. */
  ids: string[];
  status: SummaryStatus;
  pool: Pool | 'ALL';
  purchased: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The License Summary keeps its filters in the URL, so a filtered view can be bookmarked and shared. */
export function validateLicenseSummarySearch(search: Record<string, unknown>): LicenseSummarySearch {
  const ids = (Array.isArray(search.ids) ? search.ids : typeof search.ids === 'string' ? [search.ids] : []).filter(
    (v): v is string => typeof v === 'string' && UUID.test(v),
  );
  return {
    ids: [...new Set(ids)],
    status: search.status === 'active' ? 'active' : 'all',
    pool: POOLS.includes(search.pool as Pool) ? (search.pool as Pool) : 'ALL',
    purchased: flag(search.purchased),
  };
}
