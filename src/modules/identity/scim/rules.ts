/**
 * Pure rules of the SCIM 2.0 Users subset (RFC 7643/7644) the directory sync speaks: the one
 * filter form identity providers use to look a user up, paging, and PATCH operations.
 */

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** RFC 7644 §3.12 scimType values this service answers with. */
export type ScimType = 'invalidFilter' | 'invalidValue' | 'noTarget' | 'mutability' | 'uniqueness' | 'invalidSyntax';

export type ScimResult<T> = { ok: true; value: T } | { ok: false; scimType: ScimType; detail: string };
const fail = (scimType: ScimType, detail: string): { ok: false; scimType: ScimType; detail: string } => ({ ok: false, scimType, detail });

export interface UserFilter {
  attribute: 'userName' | 'externalId';
  value: string;
}

const FILTER = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/** `userName eq "x"` or `externalId eq "x"` (attribute names are case-insensitive); nothing else. */
export function parseUserFilter(filter: string): ScimResult<UserFilter> {
  const m = FILTER.exec(filter);
  if (!m) return fail('invalidFilter', 'Only `userName eq "…"` and `externalId eq "…"` filters are supported.');
  const attribute = (m[1] ?? '').toLowerCase() === 'username' ? 'userName' : 'externalId';
  return { ok: true, value: { attribute, value: (m[2] ?? '').replace(/\\(.)/g, '$1') } };
}

/** RFC 7644 §3.4.2.4: startIndex is 1-based and below 1 means 1; count is capped, negative means 0. */
export function scimPage(q: { startIndex?: number; count?: number }, max: number) {
  const startIndex = Math.max(1, Math.trunc(q.startIndex ?? 1));
  const count = Math.min(max, Math.max(0, Math.trunc(q.count ?? max)));
  return { startIndex, offset: startIndex - 1, limit: count };
}

/** What the directory may change about a user here. */
export interface ScimUserState {
  userName: string;
  externalId: string | null;
  active: boolean;
  givenName: string | null;
  familyName: string | null;
}

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** Identity providers send `active` as a boolean, or (Azure AD) as the string "True"/"False". */
function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return null;
}

const asText = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim().length <= max ? value.trim() : null;

/**
 * Sets one attribute. Attributes this service does not keep (title, phone numbers, the enterprise
 * extension, …) are accepted and ignored, as RFC 7644 allows, so a full directory can sync.
 */
function setAttribute(state: ScimUserState, path: string, value: unknown, remove: boolean): ScimResult<ScimUserState> {
  const attr = path.trim().toLowerCase();
  switch (attr) {
    case 'active': {
      if (remove) return fail('mutability', '`active` cannot be removed; set it to false.');
      const active = asBoolean(value);
      return active === null ? fail('invalidValue', '`active` must be true or false.') : { ok: true, value: { ...state, active } };
    }
    case 'username': {
      const userName = asText(value, 254);
      if (remove || userName === null) return fail('invalidValue', '`userName` must be the work e-mail address.');
      if (userName.toLowerCase() !== state.userName.toLowerCase()) {
        return fail('mutability', '`userName` cannot change here; delete the user and create one with the new address.');
      }
      return { ok: true, value: state };
    }
    case 'externalid': {
      if (remove) return { ok: true, value: { ...state, externalId: null } };
      const externalId = asText(value, 200);
      return externalId === null ? fail('invalidValue', '`externalId` must be text.') : { ok: true, value: { ...state, externalId } };
    }
    case 'name.givenname':
    case 'name.familyname': {
      const key = attr === 'name.givenname' ? 'givenName' : 'familyName';
      if (remove) return { ok: true, value: { ...state, [key]: null } };
      const text = asText(value, 100);
      return text === null
        ? fail('invalidValue', `\`${path}\` must be text of at most 100 characters.`)
        : { ok: true, value: { ...state, [key]: text } };
    }
    case 'name': {
      if (remove) return { ok: true, value: { ...state, givenName: null, familyName: null } };
      if (!value || typeof value !== 'object') return fail('invalidValue', '`name` must be an object.');
      return setAll(
        state,
        Object.entries(value).map(([k, v]) => [`name.${k}`, v]),
      );
    }
    default:
      return { ok: true, value: state };
  }
}

function setAll(state: ScimUserState, entries: [string, unknown][]): ScimResult<ScimUserState> {
  let next = state;
  for (const [k, v] of entries) {
    const r = setAttribute(next, k, v, false);
    if (!r.ok) return r;
    next = r.value;
  }
  return { ok: true, value: next };
}

/** RFC 7644 §3.5.2: add/replace/remove, with a path or (add/replace) a value object of attributes. */
export function applyPatch(state: ScimUserState, operations: readonly PatchOperation[]): ScimResult<ScimUserState> {
  let next = state;
  for (const operation of operations) {
    const op = operation.op.trim().toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') return fail('invalidSyntax', `Unknown PATCH op "${operation.op}".`);
    let r: ScimResult<ScimUserState>;
    if (operation.path) r = setAttribute(next, operation.path, operation.value, op === 'remove');
    else if (op === 'remove') r = fail('noTarget', 'A remove operation needs a path.');
    else if (operation.value && typeof operation.value === 'object' && !Array.isArray(operation.value)) {
      r = setAll(next, Object.entries(operation.value));
    } else r = fail('invalidValue', 'An operation without a path needs an object value.');
    if (!r.ok) return r;
    next = r.value;
  }
  return { ok: true, value: next };
}
