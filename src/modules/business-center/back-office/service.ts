import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../../platform/http/cursor.js';
import { normalizeEmail } from '../../identity/rules.js';
import { purchasingAccount, purchasingAccountLicensingId, purchasingAccountRole } from '../tables.js';
import {
  type BackOfficeAccount,
  BackOfficeAccountPosition,
  type BackOfficeAccountQuery,
  type NewPurchasingAccountBody,
  type PurchasingAccountPatch,
} from './schemas.js';

type Row = {
  id: string;
  number: string;
  name: string;
  organization_id: string;
  organization_name: string;
  partner_id: string | null;
  partner_name: string | null;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  country: string;
  contact_name: string;
  contact_email: string;
  licensing_ids: { id: string; number: string; name: string | null }[];
  administrators: string[];
};

const LIKE_SPECIAL = /[\\%_]/g;

const selectAccounts = sql`
  select a.id, a.number, a.name, a.organization_id, o.name as organization_name, p.id as partner_id, p.name as partner_name,
    a.address_line1, a.address_line2, a.postal_code, a.city, a.country, a.contact_name, a.contact_email,
    coalesce((select json_agg(json_build_object('id', l.id, 'number', l.number, 'name', l.name) order by l.number)
      from purchasing_account_licensing_id x join licensing_id l on l.id = x.licensing_id where x.purchasing_account_id = a.id), '[]'::json) as licensing_ids,
    coalesce((select array_agg(u.email order by lower(u.email)) from purchasing_account_role r join "user" u on u.id = r.user_id
      where r.purchasing_account_id = a.id and r.role = 'ACCOUNT_ADMINISTRATOR'), '{}'::text[]) as administrators
  from purchasing_account a join organization o on o.id = a.organization_id left join organization p on p.id = a.partner_organization_id`;

const toAccount = (r: Row): BackOfficeAccount => ({
  id: r.id,
  number: r.number,
  name: r.name,
  organization: { id: r.organization_id, name: r.organization_name },
  partner: r.partner_id && r.partner_name ? { id: r.partner_id, name: r.partner_name } : null,
  address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
  contact: { name: r.contact_name, email: r.contact_email },
  licensingIds: r.licensing_ids,
  administrators: r.administrators,
});

async function assertPartner(tx: DbOrTx, partnerId: string | null | undefined) {
  if (!partnerId) return;
  const res = await tx.execute(sql`select 1 from organization where id = ${partnerId} and is_channel_partner`);
  if (!res.rowCount) throw new DomainError('PURCHASING_ACCOUNT_PARTNER_UNKNOWN', 422, 'No channel partner has this id.');
}

const numberTaken = () => conflict('PURCHASING_ACCOUNT_NUMBER_TAKEN', 'Another purchasing account already has this number.');

/**
 * The publisher's back office for purchasing accounts (R-BC-1, R-PERM-14): the operator opens an
 * account for a customer organization with its first Account administrator, corrects its details
 * and links the Licensing IDs bought through it. Every change is audited.
 */
export function createPurchasingAccountBackOffice(db: Db) {
  async function get(accountId: string) {
    const res = await db.execute<Row>(sql`${selectAccounts} where a.id = ${accountId}`);
    const row = res.rows[0];
    if (!row) throw notFound('purchasing account');
    const candidates = await db.execute<{ id: string; number: string; name: string | null; account: string | null }>(sql`
      select l.id, l.number, l.name, a.number as account
      from licensing_id l left join purchasing_account_licensing_id x on x.licensing_id = l.id left join purchasing_account a on a.id = x.purchasing_account_id
      where l.organization_id = ${row.organization_id}
      order by l.number`);
    return {
      ...toAccount(row),
      candidates: candidates.rows.map((c) => ({ id: c.id, number: c.number, name: c.name, purchasingAccount: c.account })),
    };
  }

  return {
    get,

    async list(q: BackOfficeAccountQuery) {
      const position = q.cursor ? decodeCursor(q.cursor, BackOfficeAccountPosition) : null;
      const like = q.q ? `%${q.q.toLowerCase().replace(LIKE_SPECIAL, '\\$&')}%` : null;
      const search = like ? sql`and (a.number like ${like} or lower(a.name) like ${like} or lower(o.name) like ${like})` : sql``;
      const after = position ? sql`and (a.number, a.id) > (${position[0]}, ${position[1]}::uuid)` : sql``;
      const res = await db.execute<Row>(sql`${selectAccounts} where true ${search} ${after} order by a.number, a.id limit ${q.limit + 1}`);
      const rows = res.rows.slice(0, q.limit);
      const last = rows.at(-1);
      return {
        items: rows.map(toAccount),
        nextCursor: res.rows.length > q.limit && last ? encodeCursor([last.number, last.id]) : null,
      };
    },

    async partners() {
      const res = await db.execute<{ id: string; name: string }>(
        sql`select id, name from organization where is_channel_partner order by name, id`,
      );
      return { partners: res.rows };
    },

    async create(actor: Actor, input: NewPurchasingAccountBody) {
      const id = await db.transaction(async (tx) => {
        const org = await tx.execute(sql`select 1 from organization where id = ${input.organizationId} and not is_channel_partner`);
        if (!org.rowCount) throw new DomainError('PURCHASING_ACCOUNT_ORGANIZATION_UNKNOWN', 422, 'No customer organization has this id.');
        await assertPartner(tx, input.partnerOrganizationId);
        const [admin] = (
          await tx.execute<{ id: string }>(sql`
            select id from "user" where lower(email) = ${normalizeEmail(input.administratorEmail)}
              and organization_id = ${input.organizationId} and status in ('active', 'invited')`)
        ).rows;
        if (!admin)
          throw new DomainError(
            'PURCHASING_ACCOUNT_ADMINISTRATOR_UNKNOWN',
            422,
            'The first Account administrator must be an existing user of the account’s organization.',
          );
        const [created] = await tx
          .insert(purchasingAccount)
          .values({
            organizationId: input.organizationId,
            number: input.number,
            name: input.name,
            addressLine1: input.address.line1,
            addressLine2: input.address.line2,
            postalCode: input.address.postalCode,
            city: input.address.city,
            country: input.address.country,
            contactName: input.contact.name,
            contactEmail: normalizeEmail(input.contact.email),
            partnerOrganizationId: input.partnerOrganizationId,
          })
          .onConflictDoNothing()
          .returning({ id: purchasingAccount.id });
        if (!created) throw numberTaken();
        await tx
          .insert(purchasingAccountRole)
          .values({ purchasingAccountId: created.id, userId: admin.id, role: 'ACCOUNT_ADMINISTRATOR', grantedBy: actor.userId });
        await audit(tx, actor, {
          action: 'business-center.account.create',
          targetType: 'purchasing_account',
          targetId: created.id,
          organizationId: input.organizationId,
          before: null,
          after: { ...input, administratorUserId: admin.id },
        });
        return created.id;
      });
      return get(id);
    },

    async update(actor: Actor, accountId: string, patch: PurchasingAccountPatch) {
      await db.transaction(async (tx) => {
        const before = (await tx.execute<Row>(sql`${selectAccounts} where a.id = ${accountId} for update of a`)).rows[0];
        if (!before) throw notFound('purchasing account');
        await assertPartner(tx, patch.partnerOrganizationId);
        await tx
          .update(purchasingAccount)
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.address
              ? {
                  addressLine1: patch.address.line1,
                  addressLine2: patch.address.line2,
                  postalCode: patch.address.postalCode,
                  city: patch.address.city,
                  country: patch.address.country,
                }
              : {}),
            ...(patch.contact ? { contactName: patch.contact.name, contactEmail: normalizeEmail(patch.contact.email) } : {}),
            ...(patch.partnerOrganizationId !== undefined ? { partnerOrganizationId: patch.partnerOrganizationId } : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(purchasingAccount.id, accountId));
        const b = toAccount(before);
        await audit(tx, actor, {
          action: 'business-center.account.update',
          targetType: 'purchasing_account',
          targetId: accountId,
          organizationId: before.organization_id,
          before: { name: b.name, address: b.address, contact: b.contact, partnerOrganizationId: b.partner?.id ?? null },
          after: patch,
        });
      });
      return get(accountId);
    },

    /**
     * Makes the Licensing IDs bought through the account exactly `licensingIds`: each must be the
     * account's organization's (LICENSING_ID_OF_ANOTHER_ORGANIZATION, an unknown id too) and in no
     * other account (LICENSING_ID_IN_OTHER_ACCOUNT); all or nothing.
     */
    async setLicensingIds(actor: Actor, accountId: string, licensingIds: readonly string[]) {
      const wanted = [...new Set(licensingIds)].sort();
      await db.transaction(async (tx) => {
        const [account] = (
          await tx.execute<{ organization_id: string }>(
            sql`select organization_id from purchasing_account where id = ${accountId} for update`,
          )
        ).rows;
        if (!account) throw notFound('purchasing account');
        const ids = sql`array[${sql.join(
          wanted.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]`;
        const found =
          wanted.length === 0
            ? []
            : (
                await tx.execute<{ id: string; organization_id: string; account: string | null }>(sql`
                  select l.id, l.organization_id, x.purchasing_account_id as account from licensing_id l
                  left join purchasing_account_licensing_id x on x.licensing_id = l.id
                  where l.id = any(${ids}) for update of l`)
              ).rows;
        const ours = found.filter((l) => l.organization_id === account.organization_id);
        if (ours.length !== wanted.length) {
          throw new DomainError(
            'LICENSING_ID_OF_ANOTHER_ORGANIZATION',
            422,
            'Only Licensing IDs of the purchasing account’s own organization can be linked.',
            { licensingIds: wanted.filter((id) => !ours.some((l) => l.id === id)) },
          );
        }
        const elsewhere = ours.filter((l) => l.account !== null && l.account !== accountId);
        if (elsewhere.length > 0)
          throw conflict('LICENSING_ID_IN_OTHER_ACCOUNT', 'This Licensing ID already belongs to another purchasing account.', {
            licensingIds: elsewhere.map((l) => l.id),
          });
        const before = (
          await tx
            .select({ id: purchasingAccountLicensingId.licensingId })
            .from(purchasingAccountLicensingId)
            .where(eq(purchasingAccountLicensingId.purchasingAccountId, accountId))
        )
          .map((r) => r.id)
          .sort();
        const unlinked = before.filter((id) => !wanted.includes(id));
        const linked = wanted.filter((id) => !before.includes(id));
        if (unlinked.length === 0 && linked.length === 0) return;
        if (unlinked.length > 0)
          await tx
            .delete(purchasingAccountLicensingId)
            .where(
              and(
                eq(purchasingAccountLicensingId.purchasingAccountId, accountId),
                inArray(purchasingAccountLicensingId.licensingId, unlinked),
              ),
            );
        if (linked.length > 0)
          await tx
            .insert(purchasingAccountLicensingId)
            .values(linked.map((licensingId) => ({ purchasingAccountId: accountId, licensingId })))
            .onConflictDoNothing();
        await audit(tx, actor, {
          action: 'business-center.account.licensing-ids',
          targetType: 'purchasing_account',
          targetId: accountId,
          organizationId: account.organization_id,
          licensingIds: [...linked, ...unlinked],
          before: { licensingIds: before },
          after: { licensingIds: wanted },
        });
      });
      return get(accountId);
    },
  };
}
