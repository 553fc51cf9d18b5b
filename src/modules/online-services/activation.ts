import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { invalid } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { RecordedOrder } from '../orders/ingestion.js';
import { administratorsOfRecord } from '../permissions/admins.js';
import { subscriptionContactOf } from '../relationship/subscription-contact.js';
import {
  accountsOfAddress,
  addOnBases,
  type Enrollment,
  enrollmentOf,
  linkedAccountOf,
  productNames,
  renewedEnrollment,
  servicesOrdered,
} from './facts.js';
import { accountName, linkEnrollment, linkRenewal, mailProvisioned, provisionToLinkedAccount } from './linking.js';
import { onlineServicesMails } from './mails.js';
import { addOnsWithoutBase, decideActivation, hashSecret, linkExpiresOn, newLinkToken, newOsaKey, normalizeOsaKey } from './rules.js';

type AuditActor = Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null;

export interface ActivationRow {
  id: string;
  licensingId: string;
  productId: string;
  purchaseDate: string;
  usageDate: string;
  status: string;
}

/** The recipient's language: their account's if they have one, else English. */
async function localeOf(db: DbOrTx, email: string): Promise<{ locale: Locale; firstName: string | null }> {
  const res = await db.execute<{ locale: Locale; first_name: string }>(
    sql`select locale, first_name from "user" where lower(email) = ${email.toLowerCase()}`,
  );
  return { locale: res.rows[0]?.locale ?? 'en', firstName: res.rows[0]?.first_name || null };
}

/**
 * R-OS-1: mails the Online Services Manager a fresh activation link (a new one replaces the one
 * before; only its hash is kept) and, for an Open program, a single-use OSA key (R-OS-7); with no
 * OSM listed the Administrators are told to set the subscription contact.
 */
export async function mailActivation(
  tx: DbOrTx,
  config: Config,
  now: Date,
  actor: AuditActor,
  e: Enrollment,
  a: ActivationRow,
  opts: { resend: boolean },
): Promise<{ to: string[] }> {
  const service = (await productNames(tx, [a.productId])).get(a.productId)?.name ?? '';
  const osm = await subscriptionContactOf(tx, e.id);
  if (!osm) {
    const admins = await administratorsOfRecord(tx, e.id);
    for (const admin of admins) {
      await enqueueMail(tx, {
        to: admin.email,
        locale: admin.locale,
        template: onlineServicesMails.contactMissing,
        params: {
          firstName: admin.firstName || admin.email,
          service,
          licensingName: e.name,
          licensingNumber: e.number,
          url: `${config.publicUrl}/online-services`,
        },
      });
    }
    await tx.execute(sql`update service_activation set status = 'CONTACT_MISSING', token_hash = null where id = ${a.id}`);
    await audit(tx, actor, {
      action: 'online-services.activation-mail',
      targetType: 'licensing_id',
      targetId: e.id,
      organizationId: e.organizationId,
      after: { service, contactMissing: true, administrators: admins.map((x) => x.email) },
    });
    return { to: admins.map((x) => x.email) };
  }
  const token = newLinkToken();
  const key = e.open ? newOsaKey() : null;
  await tx.execute(sql`
    update service_activation set status = 'MAILED', recipient_name = ${osm.name}, recipient_email = ${osm.email},
      mailed_at = ${now}, mail_count = mail_count + 1, token_hash = ${hashSecret(token)},
      osa_key_hash = coalesce(osa_key_hash, ${key ? hashSecret(normalizeOsaKey(key)) : null})
    where id = ${a.id}`);
  const who = await localeOf(tx, osm.email);
  const params = {
    name: who.firstName ?? osm.name,
    service,
    licensingName: e.name,
    licensingNumber: e.number,
    expiresOn: linkExpiresOn(a.purchaseDate),
    url: `${config.publicUrl}/online-services/activate/${token}`,
  };
  // A key already handed out stays the one that works; a resend only renews the link.
  const keyIsNew = key !== null && (await keyWasSet(tx, a.id, key));
  await enqueueMail(tx, {
    to: osm.email,
    locale: who.locale,
    template: keyIsNew ? onlineServicesMails.activationLinkOpen : onlineServicesMails.activationLink,
    params: keyIsNew ? { ...params, key } : params,
  });
  await audit(tx, actor, {
    action: 'online-services.activation-mail',
    targetType: 'licensing_id',
    targetId: e.id,
    organizationId: e.organizationId,
    after: { service, to: osm.email, name: osm.name, resend: opts.resend },
  });
  return { to: [osm.email] };
}

async function keyWasSet(tx: DbOrTx, activationId: string, key: string): Promise<boolean> {
  const res = await tx.execute<{ same: boolean }>(
    sql`select osa_key_hash = ${hashSecret(normalizeOsaKey(key))} as same from service_activation where id = ${activationId}`,
  );
  return res.rows[0]?.same === true;
}

/**
 * R-OS-1, R-OS-4, R-OS-6: runs the rules for one activation row whose mail is not sent yet:
 * provision silently, wait for the usage date, or mail.
 */
export async function settleActivation(
  tx: DbOrTx,
  config: Config,
  now: Date,
  actor: AuditActor,
  e: Enrollment,
  a: ActivationRow,
): Promise<string> {
  const linked = await linkedAccountOf(tx, e.id);
  const renews = linked ? null : await renewedEnrollment(tx, e);
  const osm = await subscriptionContactOf(tx, e.id);
  const accounts = osm ? await accountsOfAddress(tx, osm.email) : { byDomain: null, byAdmin: null };
  const decision = decideActivation(
    {
      linkedAccountId: linked?.accountId ?? null,
      renews: renews ? { licensingId: renews.licensingId, accountId: renews.accountId } : null,
      osmEmail: osm?.email ?? null,
      domainAccountId: accounts.byDomain,
      adminAccountId: accounts.byAdmin,
      usageDate: a.usageDate,
    },
    now,
  );
  const service = (await productNames(tx, [a.productId])).get(a.productId)?.name ?? '';
  const setStatus = (status: string) => tx.execute(sql`update service_activation set status = ${status} where id = ${a.id}`);
  switch (decision.kind) {
    case 'ALREADY_LINKED':
      await provisionToLinkedAccount(tx, now, e, decision.accountId, a.productId);
      await setStatus('LINKED');
      await audit(tx, actor, {
        action: 'online-services.auto-provision',
        targetType: 'licensing_id',
        targetId: e.id,
        organizationId: e.organizationId,
        after: { service, accountId: decision.accountId, reason: 'ALREADY_LINKED' },
      });
      await mailProvisioned(tx, config, e, service, await accountName(tx, decision.accountId), 'ALREADY_LINKED');
      break;
    case 'RENEWAL':
      await linkRenewal(tx, now, e, renews ?? { licensingId: decision.previousLicensingId, accountId: decision.accountId, endDate: null });
      await setStatus('RENEWED');
      await mailProvisioned(tx, config, e, service, await accountName(tx, decision.accountId), 'RENEWAL');
      break;
    case 'AUTO_DOMAIN':
    case 'AUTO_ADMIN': {
      const name = await accountName(tx, decision.accountId);
      await linkEnrollment(tx, now, actor, e, { id: decision.accountId, name }, decision.kind);
      await setStatus('AUTO_PROVISIONED');
      await audit(tx, actor, {
        action: 'online-services.auto-provision',
        targetType: 'licensing_id',
        targetId: e.id,
        organizationId: e.organizationId,
        after: { service, accountId: decision.accountId, reason: decision.kind },
      });
      await mailProvisioned(tx, config, e, service, name, decision.kind);
      break;
    }
    case 'SCHEDULED':
      await tx.execute(sql`update service_activation set status = 'SCHEDULED', recipient_name = ${osm?.name ?? null},
        recipient_email = ${osm?.email ?? null} where id = ${a.id}`);
      await audit(tx, actor, {
        action: 'online-services.activation-scheduled',
        targetType: 'licensing_id',
        targetId: e.id,
        organizationId: e.organizationId,
        after: { service, usageDate: a.usageDate, sendFrom: decision.sendFrom.toISOString() },
      });
      break;
    case 'MAIL_OSM':
    case 'MAIL_ADMINISTRATORS':
      await mailActivation(tx, config, now, actor, e, a, { resend: false });
      break;
  }
  return decision.kind;
}

/**
 * The port the orders module calls in the transaction that records an order (app.ts passes it):
 * R-OS-6 refuses an add-on without its base on the enrollment (the order is not recorded), and
 * the first order line of each online service under the Licensing ID starts its activation (R-OS-1).
 */
export function onlineServicesOrderHook(config: Config) {
  return async (tx: DbOrTx, order: RecordedOrder, actor: AuditActor, now: Date): Promise<void> => {
    const lines = order.lines.filter((l) => l.licenseType === 'ONLINE_SERVICE');
    if (lines.length === 0) return;
    const bases = await addOnBases(tx);
    if (bases.size > 0) {
      const orphans = addOnsWithoutBase(new Set(await servicesOrdered(tx, order.licensingId)), bases);
      if (orphans.length > 0) {
        const names = await productNames(tx, orphans);
        throw invalid('ADDON_WITHOUT_BASE', 'An add-on online service needs its base service on the same enrollment.', {
          addOns: orphans.map((p) => names.get(p)?.code ?? p),
        });
      }
    }
    const e = await enrollmentOf(tx, order.licensingId);
    if (!e) return;
    // The earliest usage date of each service in this order: the one its activation waits for.
    const firstUse = new Map<string, string>();
    for (const l of lines) {
      const seen = firstUse.get(l.productId);
      if (!seen || l.countsFrom < seen) firstUse.set(l.productId, l.countsFrom);
    }
    for (const [productId, usageDate] of firstUse) {
      const created = await tx.execute<{ id: string }>(sql`
        insert into service_activation (licensing_id, product_id, order_id, purchase_date, usage_date, status, created_at)
        values (${e.id}, ${productId}, ${order.id}, ${order.orderDate}, ${usageDate}, 'NEW', ${now})
        on conflict (licensing_id, product_id) do nothing
        returning id`);
      const id = created.rows[0]?.id;
      // Not the first order of this service under the enrollment: no new activation (R-OS-1).
      if (!id) continue;
      await settleActivation(tx, config, now, actor, e, {
        id,
        licensingId: e.id,
        productId,
        purchaseDate: order.orderDate,
        usageDate,
        status: 'NEW',
      });
    }
  };
}
