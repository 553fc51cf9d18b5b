/**
 * URLs a person can read and a script can build: `?category=Office&category=Servers&q=pro`, not
 * the router's default JSON (`?category=%5B%22Office%22%5D`). A repeated key is a list, a single
 * one a string; route validators turn strings into what they need (see `flag`).
 */
export function parseSearch(query: string): Record<string, unknown> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null || item === false) continue;
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A yes/no search parameter: present as `true` (or `1`). */
export const flag = (value: unknown): boolean => value === true || value === 'true' || value === '1';

/** A text search parameter, trimmed and cut at `max` characters; undefined when absent or blank. */
export const searchText = (value: unknown, max = Number.POSITIVE_INFINITY): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
