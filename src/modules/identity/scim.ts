import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import type { ModuleDeps } from '../../platform/module.js';
import { identityMails } from './mails.js';
import { emailDomain, normalizeEmail } from './rules.js';
import {
  applyPatch,
  type PatchOperation,
  parseUserFilter,
  SCIM_USER_SCHEMA,
  type ScimType,
  type ScimUserState,
  scimPage,
} from './scim-rules.js';
import { mailAdministrators, minuteStamp } from './sso.js';
import { apiToken, directoryEntry, organization, scimToken, session, user } from './tables.js';

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

export function createScimService({ db, config, clock }: ModuleDeps) {
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

  /** The entry with the organization's account of the same address, if there is one. */
  const entries = (tx: DbOrTx, organizationId: string, where?: SQL) =>
    tx
      .select(entryColumns)
      .from(directoryEntry)
      .leftJoin(
        user,
        and(eq(user.organizationId, directoryEntry.organizationId), sql`lower(${user.email}) = lower(${directoryEntry.email})`),
      )
      .where(and(eq(directoryEntry.organizationId, organizationId), where));

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

  /** Writes the entry's new state and everything that follows from it, in the caller's transaction. */
  async function write(tx: DbOrTx, actor: Actor, action: string, before: EntryRow, next: ScimUserState) {
    await tx
      .update(directoryEntry)
      .set({ externalId: next.externalId, active: next.active, updatedAt: clock.now() })
      .where(eq(directoryEntry.id, before.id));
    await audit(tx, actor, {
      action,
      targetType: 'directory_entry',
      targetId: before.id,
      before: snapshot(before),
      after: snapshot({ ...next, email: before.email }),
    });
    await followDirectory(tx, actor, before.email, next);
    return load(tx, actor, before.id);
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
        await mailAdministrators(tx, actor.organizationId, identityMails.scimTokenCreated, (r) => ({
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
        .where(and(eq(directoryEntry.organizationId, actor.organizationId), where));
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
     * whose entry was deactivated or deleted earlier is provisioned again (its account, if any,
     * regains access with the grants it had); an active one is a duplicate (409 uniqueness).
     */
    async createUser(actor: Actor, input: ScimUserInput) {
      const email = normalizeEmail(input.userName);
      return db.transaction(async (tx) => {
        await checkDomain(tx, actor, email);
        const [inserted] = await tx
          .insert(directoryEntry)
          .values({
            organizationId: actor.organizationId,
            email,
            externalId: input.externalId ?? null,
            active: false,
            updatedAt: clock.now(),
          })
          .onConflictDoNothing()
          .returning({ id: directoryEntry.id });
        const id =
          inserted?.id ??
          (
            await tx
              .select({ id: directoryEntry.id })
              .from(directoryEntry)
              .where(and(eq(directoryEntry.organizationId, actor.organizationId), sql`lower(${directoryEntry.email}) = ${email}`))
          )[0]?.id;
        if (!id) throw new Error('directory entry vanished');
        const before = await load(tx, actor, id, true);
        if (!inserted && before.active) {
          throw new ScimError(409, `A user with userName ${email} already exists in this directory.`, 'uniqueness');
        }
        const next = fromInput({ ...input, userName: email }, inserted ? null : before.externalId);
        return resource(await write(tx, actor, inserted ? 'directory.user.create' : 'directory.user.reprovision', before, next));
      });
    },

    async replaceUser(actor: Actor, id: string, input: ScimUserInput) {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        if (normalizeEmail(input.userName) !== normalizeEmail(before.email)) {
          throw new ScimError(400, 'userName cannot change here; delete the user and create one with the new address.', 'mutability');
        }
        return resource(await write(tx, actor, 'directory.user.replace', before, fromInput(input, null)));
      });
    },

    async patchUser(actor: Actor, id: string, operations: PatchOperation[]) {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const r = applyPatch(stateOf(before), operations);
        if (!r.ok) throw new ScimError(400, r.detail, r.scimType);
        return resource(await write(tx, actor, 'directory.user.patch', before, r.value));
      });
    },

    /** R-ID-6: deletion keeps the entry, inactive, so the removal stays on record and E04 answers a later sign-in. */
    async deleteUser(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        if (!before.active) return;
        await write(tx, actor, 'directory.user.delete', before, { ...stateOf(before), active: false, givenName: null, familyName: null });
      });
    },
  };
}

export type ScimService = ReturnType<typeof createScimService>;
