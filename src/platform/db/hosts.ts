/**
 * node-postgres takes one host per connection string: libpq's `postgres://a:5432,b:5432/db` is an
 * "Invalid URL" to it, and `target_session_attrs` means nothing to it. A URL naming several hosts
 * is split here into one URL per host, in the order given; the primary pool tries them in turn and
 * keeps the one that is not in recovery (primary-pool.ts). Everything else (user, password,
 * database, parameters) is kept as written: only the authority's host list is taken apart.
 */
export function hostUrls(url: string): string[] {
  const match = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/s.exec(url);
  if (!match) return [url];
  const [, scheme = '', authority = '', rest = ''] = match;
  const at = authority.lastIndexOf('@');
  const userInfo = authority.slice(0, at + 1);
  const hosts = authority
    .slice(at + 1)
    .split(',')
    .filter((h) => h !== '');
  if (hosts.length <= 1) return [url];
  return hosts.map((h) => `${scheme}${userInfo}${h}${rest}`);
}
