import { type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Role } from '../../../platform/authz/roles.js';
import { visibleLicensingIds, visibleTo } from '../../../platform/authz/scope.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { normalizeLicenseNumber } from '../add-open/rules.js';
import { administratorsOfRecord } from '../admins.js';
import { liftDeactivation, owners } from '../deactivation.js';
import { holdings, lockLicensingIds, uuids, writeGrants } from '../grants.js';
import { describeHolding } from '../mail-changes.js';
import { permissionsMails } from '../mails.js';
import { myPermissionsUrl } from '../notify.js';
import type { SubRoleSelection } from '../role-groups.js';
import { type Holding, mayRequest, normalizeSelection, type RequestStatus, settingsOf, sortRoles } from '../rules.js';
import type { PermissionRequestBody } from '../schemas.js';

export interface PermissionRequestDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

type RequestRow = {
  id: string;
  number: number;
  licensing_id: string;
  lid_number: string;
  lid_name: string;
  program_code: string;
  requester_id: string;
  email: string;
  first_name: string;
  last_name: string;
  roles: Role[];
  sub_roles: SubRoleSelection | null;
  comment: string | null;
  status: RequestStatus;
  created_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
};

const requestRows = (where: SQL) => sql`
  select r.id, r.number, r.licensing_id, l.number as lid_number, l.name as lid_name, l.program_code,
    r.requester_id, u.email, u.first_name, u.last_name, r.roles, r.sub_roles, r.comment, r.status,
    r.created_at, r.decided_at, r.decision_note
  from permission_request r join licensing_id l on l.id = r.licensing_id join "user" u on u.id = r.requester_id
  where ${where}`;

/**
 * A request as the API shows it. The requester's own view leaves out the Licensing ID's id and
 * name, and neither view says who decided: the requester never learns the Administrators (R-PERM-6).
 */
function view(r: RequestRow, asRequester: boolean) {
  return {
    id: r.id,
    number: Number(r.number),
    licensingId: {
      id: asRequester ? null : r.licensing_id,
      number: r.lid_number,
      name: asRequester ? null : r.lid_name,
      programCode: r.program_code,
    },
    requester: { id: r.requester_id, email: r.email, firstName: r.first_name, lastName: r.last_name },
    roles: sortRoles(r.roles),
    subRoles: r.sub_roles ?? {},
    comment: r.comment,
    status: r.status,
    createdAt: new Date(r.created_at),
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    decisionNote: r.decision_note,
  };
}

const requested = (r: Pick<RequestRow, 'roles' | 'sub_roles'>): Holding => ({
  roles: sortRoles(r.roles),
  subRoles: r.sub_roles ?? {},
  manageReservation: false,
});

const requestsUrl = (config: Config) => `${config.publicUrl}/permission-requests`;

async function findLicensingId(tx: DbOrTx, body: PermissionRequestBody) {
  const res = await tx.execute<{ id: string; number: string; name: string; program_code: string; authorization_number: string | null }>(sql`
    select id, number, name, program_code, authorization_number from licensing_id
    where program_code = ${body.programCode} and upper(trim(number)) = ${normalizeLicenseNumber(body.number)}`);
  const found = res.rows[0];
  // An Open License is identified by the pair; a wrong authorization number looks like no license at all.
  const pairOk =
    body.programCode !== 'OPEN_LICENSE' ||
    (found?.authorization_number != null &&
      body.authorizationNumber !== undefined &&
      normalizeLicenseNumber(found.authorization_number) === normalizeLicenseNumber(body.authorizationNumber));
  if (!found || !pairOk) throw new DomainError('LICENSING_ID_NOT_FOUND', 404, 'No Licensing ID matches this program and number.');
  return found;
}

export function createPermissionRequests({ db, config, clock }: PermissionRequestDeps) {
  return {
    /**
     * R-PERM-6: the user names the program, the number (and an Open License's authorization
     * number), the roles and a comment. Every Administrator of record is mailed; the requester gets
     * a confirmation that names none of them.
     */
    async create(actor: Actor, body: PermissionRequestBody) {
      const id = await db.transaction(async (tx) => {
        const lid = await findLicensingId(tx, body);
        const held = await tx.execute<{ program_code: string }>(sql`
          select distinct l.program_code from licensing_id l where ${visibleTo(actor, 'licensing.view', sql`l.id`)}`);
        if (
          !mayRequest(
            held.rows.map((r) => r.program_code),
            lid.program_code,
          )
        ) {
          throw new DomainError(
            'OPEN_USER_NON_OPEN_REQUEST',
            403,
            'Users with only Open License agreements cannot request other agreements; ask its Administrator to invite you.',
          );
        }
        // Serializes requests on the Licensing ID, so a double submit cannot file two.
        await lockLicensingIds(tx, [lid.id]);
        const pending = await tx.execute(sql`
          select 1 from permission_request where requester_id = ${actor.userId} and licensing_id = ${lid.id} and status = 'PENDING'`);
        if (pending.rowCount) throw conflict('REQUEST_PENDING', 'You already have a pending request for this Licensing ID.');
        const roles = sortRoles(body.roles);
        const subRoles = normalizeSelection(roles, body.subRoles);
        const created = await tx.execute<{ id: string; number: number }>(sql`
          insert into permission_request (requester_id, licensing_id, roles, sub_roles, comment, created_at)
          values (${actor.userId}, ${lid.id}, ${sql.param(roles)}::text[], ${JSON.stringify(subRoles)}::jsonb, ${body.comment ?? null},
            ${clock.now().toISOString()})
          returning id, number`);
        const request = created.rows[0];
        if (!request) throw new Error('insert returned nothing');
        const [me] = (
          await tx.execute<{ email: string; first_name: string; last_name: string; locale: Locale }>(
            sql`select email, first_name, last_name, locale from "user" where id = ${actor.userId}`,
          )
        ).rows;
        if (!me) throw notFound('user');
        const wanted: Holding = { roles, subRoles, manageReservation: false };
        const requesterName = `${me.first_name} ${me.last_name}`.trim() || me.email;
        for (const admin of await administratorsOfRecord(tx, lid.id)) {
          await enqueueMail(tx, {
            to: admin.email,
            locale: admin.locale,
            template: permissionsMails.permissionRequested,
            params: {
              firstName: admin.firstName || admin.email,
              requestNumber: request.number,
              requesterName,
              requesterEmail: me.email,
              number: lid.number,
              name: lid.name,
              roles: describeHolding(admin.locale, wanted),
              comment: body.comment || '—',
              url: `${config.publicUrl}/users?request=${request.id}`,
            },
          });
        }
        await enqueueMail(tx, {
          to: me.email,
          locale: me.locale,
          template: permissionsMails.permissionRequestSent,
          params: {
            firstName: me.first_name || me.email,
            requestNumber: request.number,
            number: lid.number,
            roles: describeHolding(me.locale, wanted),
            url: requestsUrl(config),
          },
        });
        await audit(tx, actor, {
          action: 'permission-request.create',
          targetType: 'permission_request',
          targetId: request.id,
          licensingIds: [lid.id],
          after: { number: request.number, licensingId: lid.id, requested: wanted, comment: body.comment ?? null },
        });
        return request.id;
      });
      const [row] = (await db.execute<RequestRow>(requestRows(sql`r.id = ${id}`))).rows;
      if (!row) throw notFound('permission request');
      return view(row, true);
    },

    /** R-PERM-6: the actor's own requests, or those on the Licensing IDs the actor administers. */
    async list(actor: Actor, q: { mine: 'true' | 'false'; status: 'PENDING' | 'ACCEPTED' | 'DENIED' | 'ALL' }) {
      const status = q.status === 'ALL' ? sql`` : sql`and r.status = ${q.status}`;
      const mine = q.mine === 'true';
      const whose = mine
        ? sql`r.requester_id = ${actor.userId}`
        : sql`r.licensing_id = any(${uuids(await visibleLicensingIds(db, actor, 'users.manage'))})`;
      const res = await db.execute<RequestRow>(sql`${requestRows(sql`${whose} ${status}`)} order by r.created_at desc, r.number desc`);
      return { items: res.rows.map((r) => view(r, mine)) };
    },

    /**
     * R-PERM-6: any one Administrator of the Licensing ID accepts or denies, with an optional note.
     * Accepted roles apply at once; the requester is mailed either way, without the decider's name.
     */
    async decide(actor: Actor, requestId: string, decision: { decision: 'ACCEPT' | 'DENY'; note?: string }) {
      await db.transaction(async (tx) => {
        const scope = await visibleLicensingIds(tx, actor, 'users.manage');
        const [row] = (
          await tx.execute<RequestRow>(
            sql`${requestRows(sql`r.id = ${requestId} and r.licensing_id = any(${uuids(scope)})`)} for update of r`,
          )
        ).rows;
        if (!row) throw notFound('permission request');
        if (row.status !== 'PENDING') throw conflict('REQUEST_ALREADY_DECIDED', 'This request has already been decided.');
        const accepted = decision.decision === 'ACCEPT';
        const wanted = requested(row);
        let before: Holding | undefined;
        let after: Holding | undefined;
        if (accepted) {
          await lockLicensingIds(tx, [row.licensing_id]);
          before = (await holdings(tx, row.requester_id, [row.licensing_id])).get(row.licensing_id);
          await writeGrants(tx, {
            userId: row.requester_id,
            licensingId: row.licensing_id,
            source: 'REQUEST',
            grantedBy: actor.userId,
            roles: settingsOf(wanted),
          });
          after = (await holdings(tx, row.requester_id, [row.licensing_id])).get(row.licensing_id);
          // An Administrator accepting is an Administrator letting a deactivated person back (R-PERM-7).
          await liftDeactivation(tx, {
            actor,
            userId: row.requester_id,
            organizationIds: await owners(tx, [row.licensing_id]),
            via: 'REQUEST_ACCEPTED',
            now: clock.now(),
          });
        }
        const status = accepted ? 'ACCEPTED' : 'DENIED';
        await tx.execute(sql`
          update permission_request set status = ${status}, decided_by = ${actor.userId}, decided_at = ${clock.now().toISOString()},
            decision_note = ${decision.note || null}
          where id = ${requestId}`);
        await audit(tx, actor, {
          action: 'permission-request.decide',
          targetType: 'permission_request',
          targetId: requestId,
          licensingIds: [row.licensing_id],
          before: { status: 'PENDING', holding: before ?? null },
          // Named here too, so the audit row tells on its own whose access changed on which Licensing ID.
          after: {
            status,
            note: decision.note ?? null,
            requesterId: row.requester_id,
            licensingId: row.licensing_id,
            holding: after ?? null,
          },
        });
        const [requester] = (await tx.execute<{ locale: Locale }>(sql`select locale from "user" where id = ${row.requester_id}`)).rows;
        const locale = requester?.locale ?? 'en';
        await enqueueMail(tx, {
          to: row.email,
          locale,
          template: accepted ? permissionsMails.permissionRequestAccepted : permissionsMails.permissionRequestDenied,
          params: {
            firstName: row.first_name || row.email,
            requestNumber: Number(row.number),
            number: row.lid_number,
            roles: describeHolding(locale, accepted && after ? after : wanted),
            note: decision.note || '—',
            url: accepted ? myPermissionsUrl(config) : requestsUrl(config),
          },
        });
      });
      const [row] = (await db.execute<RequestRow>(requestRows(sql`r.id = ${requestId}`))).rows;
      if (!row) throw notFound('permission request');
      return view(row, false);
    },
  };
}
