import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type AuditAction, audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { identityMails } from '../mails.js';
import { mailAdministrators, minuteStamp } from '../notices.js';
import type { RoleGrants } from '../role-grants.js';
import { emailDomain, normalizeEmail } from '../rules.js';
import { apiToken, directoryEntry, organization, scimToken, session, user } from '../tables.js';
import {
  applyPatch,
  type PatchOperation,
  parseUserFilter,
  SCIM_USER_SCHEMA,
  type ScimType,
  type ScimUserState,
  scimPage,
} from './rules.js';

export const SCIM_TOKEN_PREFIX = 'scim_';

/** A failure told to a directory in SCIM's own error format (RFC 7644 §3.12), not problem+json. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

const userNotFound = () => new ScimError(404, 'No such user in this directory.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A directory's token: it acts for its organization's directory and may do nothing else (`directory.sync` only). */
export async function actorFromScimToken(db: Db, bearer: string, requestId: string): Promise<Actor | null> {
  if (!bearer.startsWith(SCIM_TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ id: scimToken.id, organizationId: scimToken.organizationId })
    .from(scimToken)
    .where(and(eq(scimToken.tokenHash, sha256(bearer)), isNull(scimToken.revokedAt)));
  return row
    ? { userId: row.id, organizationId: row.organizationId, email: '', locale: 'en', isOperator: false, via: 'scim', requestId }
    : null;
}

export interface ScimUserInput {
  userName: string;
  externalId?: string;
  active?: boolean;
  name?: { givenName?: string; familyName?: string };
}

export function createScimService({ db, config, clock }: ModuleDeps, grants: Pick<RoleGrants, 'organizationAdministrators'>) {
  const base = `${config.publicUrl}/scim/v2`;

  const entryColumns = {
    id: directoryEntry.id,
    email: directoryEntry.email,
    externalId: directoryEntry.externalId,
    active: directoryEntry.active,
    updatedAt: directoryEntry.updatedAt,
    firstName: user.firstName,
    lastName: user.lastName,
  };

  /**
   * The directory's resources. A deleted entry is not one of them (RFC 7644 §3.6: every operation
   * on it answers 404, and no list or filter returns it), so every read, write and count starts here.
   */
  const present = (organizationId: string) => and(eq(directoryEntry.organizationId, organizationId), isNull(directoryEntry.deletedAt));

  /** The entry with the organization's account of the same address, if there is one. */
  const entries = (tx: DbOrTx, organizationId: string, where?: SQL) =>
    tx
      .select(entryColumns)
      .from(directoryEntry)
      .leftJoin(
        user,
        and(eq(user.organizationId, directoryEntry.organizationId), sql`lower(${user.email}) = lower(${directoryEntry.email})`),
      )
      .where(and(present(organizationId), where));

  type EntryRow = Awaited<ReturnType<typeof entries>>[number];

  const resource = (e: EntryRow) => ({
    schemas: [SCIM_USER_SCHEMA],
    id: e.id,
    ...(e.externalId ? { externalId: e.externalId } : {}),
    userName: e.email,
    active: e.active,
    ...(e.firstName !== null || e.lastName !== null ? { name: { givenName: e.firstName ?? '', familyName: e.lastName ?? '' } } : {}),
    emails: [{ value: e.email, type: 'work', primary: true }],
    meta: { resourceType: 'User' as const, lastModified: e.updatedAt.toISOString(), location: `${base}/Users/${e.id}` },
  });

  async function load(tx: DbOrTx, actor: Actor, id: string, lock = false) {
    if (!UUID.test(id)) throw userNotFound();
    const q = entries(tx, actor.organizationId, eq(directoryEntry.id, id));
    const [row] = lock ? await q.for('update', { of: directoryEntry }) : await q;
    if (!row) throw userNotFound();
    return row;
  }

  /** The directory vouches only for its organization's own work domains. */
  async function checkDomain(tx: DbOrTx, actor: Actor, email: string) {
    const [org] = await tx.select({ domains: organization.domains }).from(organization).where(eq(organization.id, actor.organizationId));
    if (!org?.domains.includes(emailDomain(email))) {
      throw new ScimError(
        400,
        `userName must be an address in one of the organization's domains (${org?.domains.join(', ')}).`,
        'invalidValue',
      );
    }
  }

  /**
   * R-ID-6: makes the organization's account of the address follow its directory entry. Inactive:
   * status `removed`, every session ended and every API token revoked, so the very next request
   * is refused; the account and its grants stay (it stays listed, for audit). Active again: status
   * `active`, grants as they were. Names follow the directory.
   */
  async function followDirectory(
    tx: DbOrTx,
    actor: Actor,
    email: string,
    state: Pick<ScimUserState, 'active' | 'givenName' | 'familyName'>,
  ) {
    const [person] = await tx
      .select({ id: user.id, status: user.status, firstName: user.firstName, lastName: user.lastName })
      .from(user)
      .where(and(eq(user.organizationId, actor.organizationId), sql`lower(${user.email}) = ${normalizeEmail(email)}`))
      .for('update');
    if (!person) return;
    const names = {
      ...(state.givenName !== null && state.givenName !== person.firstName ? { firstName: state.givenName } : {}),
      ...(state.familyName !== null && state.familyName !== person.lastName ? { lastName: state.familyName } : {}),
    };
    if (Object.keys(names).length) {
      await tx.update(user).set(names).where(eq(user.id, person.id));
      await audit(tx, actor, {
        action: 'user.directory-names',
        targetType: 'user',
        targetId: person.id,
        before: { firstName: person.firstName, lastName: person.lastName },
        after: names,
      });
    }
    if (!state.active && (person.status === 'active' || person.status === 'invited')) {
      await tx.update(user).set({ status: 'removed' }).where(eq(user.id, person.id));
      const ended = await tx.delete(session).where(eq(session.userId, person.id)).returning({ id: session.idHash });
      const revoked = await tx
        .update(apiToken)
        .set({ revokedAt: clock.now() })
        .where(and(eq(apiToken.userId, person.id), isNull(apiToken.revokedAt)))
        .returning({ id: apiToken.id });
      await audit(tx, actor, {
        action: 'user.directory-removed',
        targetType: 'user',
        targetId: person.id,
        before: { status: person.status },
        after: { status: 'removed', sessionsEnded: ended.length, tokensRevoked: revoked.length },
      });
    } else if (state.active && person.status === 'removed') {
      await tx.update(user).set({ status: 'active' }).where(eq(user.id, person.id));
      await audit(tx, actor, {
        action: 'user.directory-restored',
        targetType: 'user',
        targetId: person.id,
        before: { status: 'removed' },
        after: { status: 'active' },
      });
    }
  }

  const snapshot = (e: Pick<EntryRow, 'email' | 'externalId' | 'active'>) => ({
    userName: e.email,
    externalId: e.externalId,
    active: e.active,
  });

  interface EntryChange {
    action: AuditAction;
    before: EntryRow;
    next: ScimUserState;
    /** What the audit row records as the state before; by default the entry as it was. */
    recordedBefore?: unknown;
    /** A DELETE: from now on the resource is absent for the directory. */
    deleted?: boolean;
  }

  /** Writes the entry's new state and everything that follows from it, in the caller's transaction. */
  async function write(tx: DbOrTx, actor: Actor, change: EntryChange) {
    const { before, next, deleted = false } = change;
    const now = clock.now();
    await tx
      .update(directoryEntry)
      .set({ externalId: next.externalId, active: next.active, updatedAt: now, ...(deleted ? { deletedAt: now } : {}) })
      .where(eq(directoryEntry.id, before.id));
    await audit(tx, actor, {
      action: change.action,
      targetType: 'directory_entry',
      targetId: before.id,
      before: change.recordedBefore === undefined ? snapshot(before) : change.recordedBefore,
      after: { ...snapshot({ ...next, email: before.email }), ...(deleted ? { deletedAt: now } : {}) },
    });
    await followDirectory(tx, actor, before.email, next);
  }

  /** Read back after a write: following the directory may have changed the account's names the resource shows. */
  const current = async (tx: DbOrTx, actor: Actor, id: string) => resource(await load(tx, actor, id));

  /**
   * The address's row, locked, for a POST to fill in: a new one, the existing resource, or a
   * deleted entry's row under a fresh id. The unique index on (organization_id, lower(email)) keeps
   * one row per address, and SSO sign-in and self sign-up (E04) read the address's entry through
   * it; reusing the row rather than relaxing the index to a partial one keeps those reads as they
   * are, while the new id leaves the deleted resource's id answering 404 for good (RFC 7644 §3.6)
   * and its history in the audit log under that old id.
   */
  async function claim(
    tx: DbOrTx,
    actor: Actor,
    email: string,
  ): Promise<{ id: string; kind: 'new' | 'existing' } | { id: string; kind: 'recreated'; deletedId: string }> {
    const now = clock.now();
    const [inserted] = await tx
      .insert(directoryEntry)
      .values({ organizationId: actor.organizationId, email, active: false, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: directoryEntry.id });
    if (inserted) return { id: inserted.id, kind: 'new' };
    const [existing] = await tx
      .select({ id: directoryEntry.id, deletedAt: directoryEntry.deletedAt })
      .from(directoryEntry)
      .where(and(eq(directoryEntry.organizationId, actor.organizationId), sql`lower(${directoryEntry.email}) = ${email}`))
      .for('update');
    if (!existing) throw new Error('directory entry vanished');
    if (!existing.deletedAt) return { id: existing.id, kind: 'existing' };
    const [recreated] = await tx
      .update(directoryEntry)
      .set({ id: randomUUID(), email, externalId: null, active: false, deletedAt: null, updatedAt: now })
      .where(eq(directoryEntry.id, existing.id))
      .returning({ id: directoryEntry.id });
    if (!recreated) throw new Error('directory entry vanished');
    return { id: recreated.id, kind: 'recreated', deletedId: existing.id };
  }

  const stateOf = (e: EntryRow): ScimUserState => ({
    userName: e.email,
    externalId: e.externalId,
    active: e.active,
    givenName: e.firstName,
    familyName: e.lastName,
  });

  const fromInput = (input: ScimUserInput, externalIdDefault: string | null): ScimUserState => ({
    userName: input.userName,
    externalId: input.externalId ?? externalIdDefault,
    active: input.active ?? true,
    givenName: input.name?.givenName ?? null,
    familyName: input.name?.familyName ?? null,
  });

  return {
    async listTokens(actor: Actor) {
      return db
        .select({ id: scimToken.id, name: scimToken.name, createdAt: scimToken.createdAt })
        .from(scimToken)
        .where(and(eq(scimToken.organizationId, actor.organizationId), isNull(scimToken.revokedAt)))
        .orderBy(desc(scimToken.createdAt));
    },

    /** The secret is returned once; only its hash is stored. The organization's Administrators are told. */
    async createToken(actor: Actor, name: string) {
      const now = clock.now();
      const secret = `${SCIM_TOKEN_PREFIX}${randomToken()}`;
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(scimToken)
          .values({ organizationId: actor.organizationId, name, tokenHash: sha256(secret), createdAt: now })
          .returning({ id: scimToken.id, name: scimToken.name, createdAt: scimToken.createdAt });
        if (!row) throw new Error('insert returned nothing');
        await audit(tx, actor, { action: 'scim-token.create', targetType: 'scim_token', targetId: row.id, after: { name } });
        const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, actor.organizationId));
        await mailAdministrators(tx, grants, actor.organizationId, identityMails.scimTokenCreated, (r) => ({
          firstName: r.firstName || r.email,
          actorEmail: actor.email,
          tokenName: name,
          organization: org?.name ?? '',
          at: minuteStamp(now),
          url: `${config.publicUrl}/administration`,
        }));
        return row;
      });
      return { ...created, token: secret, scimBaseUrl: base };
    },

    async revokeToken(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(scimToken)
          .set({ revokedAt: clock.now() })
          .where(and(eq(scimToken.id, id), eq(scimToken.organizationId, actor.organizationId), isNull(scimToken.revokedAt)))
          .returning({ id: scimToken.id, name: scimToken.name });
        if (!row) throw notFound('SCIM token');
        await audit(tx, actor, { action: 'scim-token.revoke', targetType: 'scim_token', targetId: id, before: row });
      });
    },

    scimBaseUrl: base,

    async listUsers(actor: Actor, q: { filter?: string; startIndex?: number; count?: number }) {
      let where: SQL | undefined;
      if (q.filter) {
        const f = parseUserFilter(q.filter);
        if (!f.ok) throw new ScimError(400, f.detail, f.scimType);
        where =
          f.value.attribute === 'userName'
            ? sql`lower(${directoryEntry.email}) = ${normalizeEmail(f.value.value)}`
            : eq(directoryEntry.externalId, f.value.value);
      }
      const page = scimPage(q, config.SCIM_PAGE_SIZE_MAX);
      const [total] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(directoryEntry)
        .where(and(present(actor.organizationId), where));
      const rows = page.limit
        ? await entries(db, actor.organizationId, where)
            .orderBy(sql`lower(${directoryEntry.email})`, asc(directoryEntry.id))
            .offset(page.offset)
            .limit(page.limit)
        : [];
      return { totalResults: total?.n ?? 0, startIndex: page.startIndex, itemsPerPage: rows.length, Resources: rows.map(resource) };
    },

    async getUser(actor: Actor, id: string) {
      return resource(await load(db, actor, id));
    },

    /**
     * A new entry of the directory; by itself it gives no permissions in the portal. An address
     * whose entry was deactivated is provisioned again under its id; one whose entry was deleted
     * gets a new resource (see `claim`). Either way its account, if any, regains access with the
     * grants it had (R-ID-6). An active entry is a duplicate (409 uniqueness).
     */
    async createUser(actor: Actor, input: ScimUserInput) {
      const email = normalizeEmail(input.userName);
      return db.transaction(async (tx) => {
        await checkDomain(tx, actor, email);
        const claimed = await claim(tx, actor, email);
        const before = await load(tx, actor, claimed.id, true);
        const existing = claimed.kind === 'existing';
        if (existing && before.active) {
          throw new ScimError(409, `A user with userName ${email} already exists in this directory.`, 'uniqueness');
        }
        // A new resource had no state of its own; a re-created one names the deleted resource it follows.
        const recordedBefore = existing ? snapshot(before) : claimed.kind === 'recreated' ? { deletedId: claimed.deletedId } : null;
        await write(tx, actor, {
          action: existing ? 'directory.user.reprovision' : 'directory.user.create',
          before,
          next: fromInput({ ...input, userName: email }, existing ? before.externalId : null),
          recordedBefore,
        });
        return current(tx, actor, claimed.id);
      });
    },

    async replaceUser(actor: Actor, id: string, input: ScimUserInput) {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        if (normalizeEmail(input.userName) !== normalizeEmail(before.email)) {
          throw new ScimError(400, 'userName cannot change here; delete the user and create one with the new address.', 'mutability');
        }
        await write(tx, actor, { action: 'directory.user.replace', before, next: fromInput(input, null) });
        return current(tx, actor, id);
      });
    },

    async patchUser(actor: Actor, id: string, operations: PatchOperation[]) {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const r = applyPatch(stateOf(before), operations);
        if (!r.ok) throw new ScimError(400, r.detail, r.scimType);
        await write(tx, actor, { action: 'directory.user.patch', before, next: r.value });
        return current(tx, actor, id);
      });
    },

    /**
     * R-ID-6: access ends at once, as for `active: false`, and the account stays listed in Manage
     * Users. The row stays too, inactive and marked deleted, so E04 still answers a sign-up or SSO
     * sign-in of the address; for the directory the resource is gone (404, RFC 7644 §3.6).
     */
    async deleteUser(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await write(tx, actor, {
          action: 'directory.user.delete',
          before,
          next: { ...stateOf(before), active: false, givenName: null, familyName: null },
          deleted: true,
        });
      });
    },
  };
}

export type ScimService = ReturnType<typeof createScimService>;
