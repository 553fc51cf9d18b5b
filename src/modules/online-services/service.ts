import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesHeldSql, visibleTo } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { syncContactGrants } from '../permissions/contact-grants.js';
import { setSubscriptionContact, subscriptionContactsOf } from '../relationship/subscription-contact.js';
import { type ActivationRow, mailActivation } from './activation.js';
import { type Enrollment, enrollmentOf, linkedAccountOf } from './facts.js';
import { accountName, linkEnrollment } from './linking.js';
import { onlineServicesMails } from './mails.js';
import { hashSecret, linkExpired, linkExpiresOn, normalizeOsaKey } from './rules.js';

/** How the one following a link or entering a key chooses the account: one they administer, or a new one. */
export type AccountChoice = { accountId: string } | { newAccount: { name: string; adminEmail?: string } };

const gone = (code: string, message: string) => new DomainError(code, 410, message);

type ActivationDbRow = {
  id: string;
  licensing_id: string;
  product_id: string;
  purchase_date: string;
  usage_date: string;
  status: string;
  osa_key_used_at: Date | null;
};
const rowOf = (r: ActivationDbRow): ActivationRow => ({
  id: r.id,
  licensingId: r.licensing_id,
  productId: r.product_id,
  purchaseDate: r.purchase_date,
  usageDate: r.usage_date,
  status: r.status,
});

export function createOnlineServices({ db, config, clock }: { db: Db; config: Config; clock: Clock }) {
  async function activationByToken(tx: DbOrTx, token: string): Promise<ActivationRow> {
    const res = await tx.execute<ActivationDbRow>(sql`
      select id, licensing_id, product_id, purchase_date, usage_date, status, osa_key_used_at from service_activation
      where token_hash = ${hashSecret(token)}`);
    const r = res.rows[0];
    if (!r) throw new DomainError('ACTIVATION_LINK_UNKNOWN', 404, 'This activation link is not valid.');
    return rowOf(r);
  }

  /** R-OS-5: the account chosen: an existing one only by its global or billing administrator; a new one with its first global admin. */
  async function accountFor(tx: DbOrTx, actor: Actor | null, e: Enrollment, choice: AccountChoice): Promise<{ id: string; name: string }> {
    const now = clock.now();
    if ('accountId' in choice) {
      const admin = actor
        ? await tx.execute(
            sql`select 1 from service_account_admin where account_id = ${choice.accountId} and email = ${actor.email.toLowerCase()}`,
          )
        : null;
      if (!admin?.rowCount) {
        throw new DomainError('SERVICE_ACCOUNT_NOT_ADMINISTERED', 403, 'You are not a global or billing administrator of that account.');
      }
      return { id: choice.accountId, name: await accountName(tx, choice.accountId) };
    }
    const adminEmail = (actor?.email ?? choice.newAccount.adminEmail ?? '').toLowerCase();
    if (!adminEmail) throw new DomainError('VALIDATION_FAILED', 400, 'A new account needs the address of its global administrator.');
    const created = await tx.execute<{ id: string }>(sql`
      insert into service_account (name, organization_id, created_at) values (${choice.newAccount.name.trim()}, ${e.organizationId}, ${now})
      returning id`);
    const id = created.rows[0]?.id ?? '';
    await tx.execute(sql`insert into service_account_admin (account_id, email, role) values (${id}, ${adminEmail}, 'GLOBAL')`);
    return { id, name: choice.newAccount.name.trim() };
  }

  async function accountsAdministeredBy(email: string | null) {
    if (!email) return [];
    const res = await db.execute<{ id: string; name: string; role: string }>(sql`
      select a.id, a.name, m.role from service_account a join service_account_admin m on m.account_id = a.id
      where m.email = ${email.toLowerCase()} order by a.name`);
    return res.rows.map((r) => ({ id: r.id, name: r.name, role: r.role as 'GLOBAL' | 'BILLING' }));
  }

  async function enrollment(tx: DbOrTx, licensingId: string): Promise<Enrollment> {
    const e = await enrollmentOf(tx, licensingId);
    if (!e) throw notFound('Licensing ID');
    return e;
  }

  const serviceName = async (tx: DbOrTx, productId: string) =>
    (await tx.execute<{ name: string }>(sql`select name from product where id = ${productId}`)).rows[0]?.name ?? '';

  return {
    /** The enrollments the actor may activate services of, each with its services, who got the mail, and the account (R-OS-2). */
    async overview(actor: Actor) {
      const now = clock.now();
      const lids = await db.execute<{
        id: string;
        number: string;
        name: string;
        program_code: string;
        roles: string[];
        account_id: string | null;
        account_name: string | null;
        link_status: string | null;
        how: string | null;
        linked_at: Date | null;
      }>(sql`
        select l.id, l.number, l.name, l.program_code, ${rolesHeldSql(actor, sql`l.id`)} as roles,
          e.account_id, a.name as account_name, e.status as link_status, e.how, e.linked_at
        from licensing_id l
        left join service_enrollment e on e.licensing_id = l.id
        left join service_account a on a.id = e.account_id
        where ${visibleTo(actor, 'services.activate', sql`l.id`)}
          and exists (select 1 from order_line ol where ol.licensing_id = l.id and ol.license_type = 'ONLINE_SERVICE')
        order by l.number`);
      const ids = lids.rows.map((r) => r.id);
      if (ids.length === 0) return { enrollments: [] };
      const services = await db.execute<{
        licensing_id: string;
        product_id: string;
        code: string;
        name: string;
        status: string | null;
        recipient_name: string | null;
        recipient_email: string | null;
        mailed_at: Date | null;
        mail_count: number | null;
        purchase_date: string | null;
        usage_date: string | null;
        subscription: string | null;
        grace_ends_on: string | null;
      }>(sql`
        select s.licensing_id, s.product_id, p.code, p.name, a.status, a.recipient_name, a.recipient_email, a.mailed_at, a.mail_count,
          a.purchase_date, a.usage_date, sub.status as subscription, sub.grace_ends_on
        from (select distinct licensing_id, product_id from order_line
              where license_type = 'ONLINE_SERVICE' and licensing_id = any(${sql.param(ids)}::uuid[])) s
        join product p on p.id = s.product_id
        left join service_activation a on a.licensing_id = s.licensing_id and a.product_id = s.product_id
        left join service_subscription sub on sub.licensing_id = s.licensing_id and sub.product_id = s.product_id
        order by p.name`);
      const contacts = await subscriptionContactsOf(db, ids);
      return {
        enrollments: lids.rows.map((l) => ({
          id: l.id,
          number: l.number,
          name: l.name,
          programCode: l.program_code,
          canManageContact: l.roles.includes('ADMINISTRATOR'),
          subscriptionContact: contacts.get(l.id) ?? null,
          account: l.account_id
            ? {
                id: l.account_id,
                name: l.account_name ?? '',
                status: (l.link_status ?? 'ACTIVE') as 'ACTIVE' | 'PENDING',
                how: l.how ?? '',
                linkedAt: l.linked_at ? new Date(l.linked_at).toISOString() : '',
              }
            : null,
          services: services.rows
            .filter((s) => s.licensing_id === l.id)
            .map((s) => ({
              productId: s.product_id,
              code: s.code,
              name: s.name,
              activation: (s.status ?? 'NONE') as string,
              recipientName: s.recipient_name,
              recipientEmail: s.recipient_email,
              mailedAt: s.mailed_at ? new Date(s.mailed_at).toISOString() : null,
              mailCount: s.mail_count ?? 0,
              purchaseDate: s.purchase_date,
              usageDate: s.usage_date,
              linkExpiresOn: s.purchase_date ? linkExpiresOn(s.purchase_date) : null,
              linkExpired: s.purchase_date ? linkExpired(s.purchase_date, now) : false,
              subscription: s.subscription as 'ACTIVE' | 'IN_GRACE' | 'DEPROVISIONED' | null,
              graceEndsOn: s.grace_ends_on,
            })),
        })),
      };
    },

    /**
     * R-OS-2: the Administrator resends the activation mail, to the subscription contact of record or
     * to a new one named here (written through the relationship module; their role follows).
     */
    async resend(actor: Actor, licensingId: string, productId: string, contact: { name: string; email: string } | undefined) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const e = await enrollment(tx, licensingId);
        const found = await tx.execute<ActivationDbRow>(sql`
          select id, licensing_id, product_id, purchase_date, usage_date, status, osa_key_used_at from service_activation
          where licensing_id = ${licensingId} and product_id = ${productId} for update`);
        const row = found.rows[0];
        if (!row) throw conflict('NO_ONLINE_SERVICE_ORDER', 'No order of this online service exists under this Licensing ID.');
        if (await linkedAccountOf(tx, licensingId)) {
          throw conflict('ENROLLMENT_ALREADY_LINKED', 'This Licensing ID is already linked to an online services account.');
        }
        if (linkExpired(row.purchase_date, now)) {
          throw gone('ACTIVATION_LINK_EXPIRED', 'Activation links expire six months after the original purchase date.');
        }
        if (contact) {
          const email = contact.email.trim().toLowerCase();
          const user = await tx.execute<{ id: string }>(sql`select id from "user" where lower(email) = ${email} and status = 'active'`);
          const old = await setSubscriptionContact(tx, licensingId, { name: contact.name.trim(), email, userId: user.rows[0]?.id ?? null });
          await syncContactGrants(tx, [licensingId]);
          await audit(tx, actor, {
            action: 'online-services.subscription-contact',
            targetType: 'licensing_id',
            targetId: licensingId,
            organizationId: e.organizationId,
            before: old,
            after: { name: contact.name.trim(), email },
          });
        }
        return mailActivation(tx, config, now, actor, e, rowOf(row), { resend: true });
      });
    },

    /** The activation link's page: what it activates, whether it still works, and the accounts the signed-in user administers. */
    async linkInfo(actor: Actor | null, token: string) {
      const a = await activationByToken(db, token);
      const e = await enrollment(db, a.licensingId);
      const linked = await linkedAccountOf(db, e.id);
      return {
        licensingId: { id: e.id, number: e.number, name: e.name, open: e.open },
        service: await serviceName(db, a.productId),
        expiresOn: linkExpiresOn(a.purchaseDate),
        expired: linkExpired(a.purchaseDate, clock.now()),
        linkedAccount: linked ? linked.name : null,
        accounts: await accountsAdministeredBy(actor?.email ?? null),
      };
    },

    /** R-OS-3, R-OS-5: following the link (signed in, or whoever holds it) links the enrollment to the chosen account. */
    async activateByLink(actor: Actor | null, token: string, choice: AccountChoice) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const a = await activationByToken(tx, token);
        if (linkExpired(a.purchaseDate, now)) {
          throw gone('ACTIVATION_LINK_EXPIRED', 'Activation links expire six months after the original purchase date.');
        }
        const e = await enrollment(tx, a.licensingId);
        const account = await accountFor(tx, actor, e, choice);
        const linked = await linkEnrollment(tx, now, actor, e, account, 'LINK');
        return { licensingId: e.id, account, status: linked.status };
      });
    },

    /** R-OS-7, R-OS-5: the accounts the signed-in user may activate into: those they are a global or billing administrator of. */
    async myAccounts(actor: Actor) {
      return { accounts: await accountsAdministeredBy(actor.email) };
    },

    /** R-OS-7: Online Service Activation: an Open program's service activated with its single-use key. */
    async activateByKey(actor: Actor, key: string, choice: AccountChoice) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const hash = hashSecret(normalizeOsaKey(key));
        // Marked used in the statement that finds it: two people entering one key cannot both pass.
        const used = await tx.execute<ActivationDbRow>(sql`
          update service_activation set osa_key_used_at = ${now}
          where osa_key_hash = ${hash} and osa_key_used_at is null
          returning id, licensing_id, product_id, purchase_date, usage_date, status, osa_key_used_at`);
        const row = used.rows[0];
        if (!row) {
          const known = await tx.execute(sql`select 1 from service_activation where osa_key_hash = ${hash}`);
          if (known.rowCount) throw conflict('OSA_KEY_USED', 'This Online Service Activation key has already been used.');
          throw new DomainError('OSA_KEY_UNKNOWN', 404, 'This Online Service Activation key is not valid.');
        }
        const e = await enrollment(tx, row.licensing_id);
        const account = await accountFor(tx, actor, e, choice);
        const linked = await linkEnrollment(tx, now, actor, e, account, 'KEY');
        return { licensingId: e.id, account, status: linked.status };
      });
    },

    /** R-OS-7: the publisher's provisioning confirms an activation: the services show as activated. */
    async confirm(actor: Actor, licensingId: string) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const e = await enrollment(tx, licensingId);
        const res = await tx.execute<{ account_id: string }>(sql`
          update service_enrollment set status = 'ACTIVE', confirmed_at = ${now}
          where licensing_id = ${licensingId} and status = 'PENDING' returning account_id`);
        const accountId = res.rows[0]?.account_id;
        if (!accountId) throw conflict('ACTIVATION_NOT_PENDING', 'This enrollment has no activation waiting for confirmation.');
        const name = await accountName(tx, accountId);
        await audit(tx, actor, {
          action: 'online-services.confirm',
          targetType: 'licensing_id',
          targetId: licensingId,
          organizationId: e.organizationId,
          after: { accountId, status: 'ACTIVE' },
        });
        const admins = await tx.execute<{ email: string }>(
          sql`select email from service_account_admin where account_id = ${accountId} order by email`,
        );
        for (const { email } of admins.rows) {
          const u = await tx.execute<{ first_name: string; locale: 'en' | 'sv' }>(
            sql`select first_name, locale from "user" where lower(email) = ${email}`,
          );
          await enqueueMail(tx, {
            to: email,
            locale: u.rows[0]?.locale ?? 'en',
            template: onlineServicesMails.activationConfirmed,
            params: {
              firstName: u.rows[0]?.first_name || email,
              licensingName: e.name,
              licensingNumber: e.number,
              account: name,
              url: `${config.publicUrl}/online-services`,
            },
          });
        }
        return { licensingId, status: 'ACTIVE' as const };
      });
    },

    /** R-OS-4: the publisher's provisioning reports a domain verified on an account. */
    async verifyDomain(actor: Actor, accountId: string, domain: string) {
      const now = clock.now();
      const d = domain.trim().toLowerCase();
      return db.transaction(async (tx) => {
        if (!(await tx.execute(sql`select 1 from service_account where id = ${accountId}`)).rowCount) throw notFound('service account');
        const res = await tx.execute(sql`
          insert into service_account_domain (account_id, domain, verified_at) values (${accountId}, ${d}, ${now})
          on conflict (domain) do nothing`);
        if (!res.rowCount) {
          const same = await tx.execute(sql`select 1 from service_account_domain where domain = ${d} and account_id = ${accountId}`);
          if (!same.rowCount) throw conflict('SERVICE_ACCOUNT_DOMAIN_TAKEN', 'That domain is verified on another account.');
          return { accountId, domain: d };
        }
        await audit(tx, actor, {
          action: 'online-services.domain-verify',
          targetType: 'service_account',
          targetId: accountId,
          after: { domain: d },
        });
        return { accountId, domain: d };
      });
    },

    /** R-OS-6: the publisher names the base service an add-on needs. */
    async setAddOn(actor: Actor, addOnCode: string, baseCode: string) {
      return db.transaction(async (tx) => {
        const res = await tx.execute<{ code: string; id: string }>(
          sql`select code, id from product where code = any(${sql.param([addOnCode, baseCode])}::text[])`,
        );
        const ids = new Map(res.rows.map((r) => [r.code, r.id]));
        const addOn = ids.get(addOnCode);
        const base = ids.get(baseCode);
        if (!addOn || !base || addOn === base) throw notFound('product');
        await tx.execute(sql`
          insert into service_add_on (add_on_product_id, base_product_id) values (${addOn}, ${base})
          on conflict (add_on_product_id) do update set base_product_id = excluded.base_product_id`);
        await audit(tx, actor, {
          action: 'online-services.add-on',
          targetType: 'product',
          targetId: addOn,
          after: { addOn: addOnCode, base: baseCode },
        });
        return { addOn: addOnCode, base: baseCode };
      });
    },
  };
}

export type OnlineServices = ReturnType<typeof createOnlineServices>;
