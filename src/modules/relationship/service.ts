import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesHeldSql, visibleTo } from '../../platform/authz/scope.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { groupRelationship, type LicensingIdRow } from './rules.js';
import { agreement, licensingId, program } from './tables.js';

const parent = alias(agreement, 'parent');
const mbsa = alias(agreement, 'mbsa');
const parentProgram = alias(program, 'parent_program');

export function createRelationshipService({ db }: { db: Db }) {
  /** Licensing IDs with their parent agreement and MBSA, and the actor's roles on each; `which` is the actor's scope. */
  async function load(actor: Actor, which: SQL): Promise<LicensingIdRow[]> {
    const rows = await db
      .select({
        id: licensingId.id,
        number: licensingId.number,
        authorizationNumber: licensingId.authorizationNumber,
        name: licensingId.name,
        kind: licensingId.kind,
        programCode: licensingId.programCode,
        programName: program.name,
        status: licensingId.status,
        startDate: licensingId.startDate,
        endDate: licensingId.endDate,
        parent: {
          id: parent.id,
          number: parent.number,
          programCode: parent.programCode,
          programName: parentProgram.name,
          status: parent.status,
          startDate: parent.startDate,
          endDate: parent.endDate,
        },
        mbsa: { id: mbsa.id, number: mbsa.number, status: mbsa.status, startDate: mbsa.startDate, endDate: mbsa.endDate },
        roles: rolesHeldSql(actor, licensingId.id),
      })
      .from(licensingId)
      .innerJoin(program, eq(program.code, licensingId.programCode))
      .leftJoin(parent, eq(parent.id, licensingId.parentAgreementId))
      .leftJoin(parentProgram, eq(parentProgram.code, parent.programCode))
      .leftJoin(mbsa, eq(mbsa.id, parent.mbsaId))
      .where(which);
    return rows.map((r) => ({
      ...r,
      parent: r.parent?.id ? r.parent : null,
      mbsa: r.mbsa?.id ? { ...r.mbsa, programCode: null, programName: null } : null,
    })) as LicensingIdRow[];
  }

  /** R-REL-3: only Licensing IDs the user holds a role on. */
  const visible = (actor: Actor) => visibleTo(actor, 'licensing.view', licensingId.id);

  return {
    /** R-REL-3: inactive ones on request. */
    async summary(actor: Actor, status: 'active' | 'all') {
      const rows = await load(actor, visible(actor));
      return { groups: groupRelationship(rows.filter((r) => status === 'all' || r.status === 'ACTIVE')) };
    },

    async list(actor: Actor) {
      return load(actor, visible(actor));
    },

    /** The guard has already checked the actor may see it; a missing row is still a 404. */
    async get(actor: Actor, id: string) {
      const [row] = await load(actor, eq(licensingId.id, id));
      if (!row) throw notFound('Licensing ID');
      return row;
    },
  };
}

export type RelationshipService = ReturnType<typeof createRelationshipService>;

/** What other modules need to know of a Licensing ID (orders, License Summary); callers scope `ids` first. */
const basics = {
  id: licensingId.id,
  organizationId: licensingId.organizationId,
  number: licensingId.number,
  name: licensingId.name,
  kind: licensingId.kind,
  programCode: licensingId.programCode,
  status: licensingId.status,
  startDate: licensingId.startDate,
  endDate: licensingId.endDate,
  affiliateRole: licensingId.affiliateRole,
  parentAgreementId: licensingId.parentAgreementId,
};
export type LicensingIdBasics = Awaited<ReturnType<typeof licensingIdsByIds>>[number];

export async function licensingIdsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  // One array parameter: hundreds of ids stay one short statement.
  const list = `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',')}}`;
  return db.select(basics).from(licensingId).where(sql`${licensingId.id} = any(${list}::uuid[])`).orderBy(licensingId.number);
}

/** R-BC-7: orders name their Licensing ID by program and number. */
export async function licensingIdByNumber(db: DbOrTx, programCode: string, number: string): Promise<LicensingIdBasics | null> {
  const [row] = await db
    .select(basics)
    .from(licensingId)
    .where(sql`${licensingId.programCode}::text = ${programCode} and ${licensingId.number} = ${number}`);
  return row ?? null;
}

/** Every Licensing ID of these organizations, for queries that find the complement of a chosen set cheaper. */
export async function licensingIdsOfOrganizations(db: DbOrTx, organizationIds: string[]) {
  if (organizationIds.length === 0) return [];
  return db
    .select({ id: licensingId.id, organizationId: licensingId.organizationId })
    .from(licensingId)
    .where(inArray(licensingId.organizationId, organizationIds));
}
