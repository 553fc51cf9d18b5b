/**
 * How to call each API route in the generated authorization walk. A route missing here fails the
 * walk, so every new route is walked for every role and both organizations.
 * `:licensingId` is replaced by the own or the foreign Licensing ID; other params by `params`.
 */
export interface RouteCase {
  body?: unknown;
  query?: string;
  params?: Record<string, string>;
  /** Walk this route after all others (it ends the sessions the walk uses). */
  last?: boolean;
}

export const NIL = '00000000-0000-4000-8000-000000000000';
