import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { administratorsOfRecord } from '../permissions/admins.js';
import { enqueueProvisioning } from '../provisioning/enqueue.js';
import { type Enrollment, productNames, servicesOrdered } from './facts.js';
import { onlineServicesMails, PROVISION_REASONS } from './mails.js';
import { dayOf, graceEndsOn } from './rules.js';

export type LinkHow = 'LINK' | 'KEY' | 'AUTO_DOMAIN' | 'AUTO_ADMIN' | 'RENEWAL';

type AuditActor = Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null;

/**
 * R-OS-5: links the enrollment to the account (refused if it already is: the Licensing ID is the
 * key), provisions every online service ordered under it as an Active subscription, and tells
 * the publisher's provisioning ('service.activation'). R-OS-7: an Open program's link stays
 * PENDING until provisioning confirms it.
 */
export async function linkEnrollment(
  tx: DbOrTx,
  now: Date,
  actor: AuditActor,
  e: Enrollment,
  account: { id: string; name: string },
  how: LinkHow,
): Promise<{ status: 'ACTIVE' | 'PENDING'; products: string[] }> {
  const status = e.open ? 'PENDING' : 'ACTIVE';
  const inserted = await tx.execute(sql`
    insert into service_enrollment (licensing_id, account_id, how, status, linked_at, linked_by)
    values (${e.id}, ${account.id}, ${how}, ${status}, ${now}, ${actor?.userId ?? null})
    on conflict (licensing_id) do nothing`);
  if (!inserted.rowCount) {
    throw conflict('ENROLLMENT_ALREADY_LINKED', 'This Licensing ID is already linked to an online services account.', {
      licensingId: e.id,
    });
  }
  const products = await servicesOrdered(tx, e.id);
  await addSubscriptions(tx, now, account.id, e.id, products);
  await tx.execute(sql`
    update service_activation set status = 'LINKED' where licensing_id = ${e.id} and status in ('MAILED', 'CONTACT_MISSING', 'SCHEDULED')`);
  const names = await productNames(tx, products);
  await enqueueProvisioning(
    tx,
    { now: () => now },
    {
      type: 'service.activation',
      subject: `licensing-id:${e.id}`,
      data: {
        licensingId: e.id,
        licensingNumber: e.number,
        programCode: e.programCode,
        accountId: account.id,
        accountName: account.name,
        services: products.map((p) => names.get(p)?.code ?? p),
        how,
      },
    },
  );
  await audit(tx, actor, {
    action: 'online-services.link',
    targetType: 'licensing_id',
    targetId: e.id,
    organizationId: e.organizationId,
    after: { accountId: account.id, accountName: account.name, how, status, services: products.length },
  });
  return { status, products };
}

async function addSubscriptions(tx: DbOrTx, now: Date, accountId: string, licensingId: string, products: readonly string[]) {
  if (products.length === 0) return;
  await tx.execute(sql`
    insert into service_subscription (account_id, licensing_id, product_id, status, created_at)
    select ${accountId}, ${licensingId}, p, 'ACTIVE', ${now} from unnest(${sql.param([...products])}::uuid[]) p
    on conflict (licensing_id, product_id) do nothing`);
}

/** R-OS-4: a new service of an already linked enrollment goes to the same account, without a mail. */
export async function provisionToLinkedAccount(tx: DbOrTx, now: Date, e: Enrollment, accountId: string, productId: string): Promise<void> {
  await addSubscriptions(tx, now, accountId, e.id, [productId]);
  const names = await productNames(tx, [productId]);
  await enqueueProvisioning(
    tx,
    { now: () => now },
    {
      type: 'service.activation',
      subject: `licensing-id:${e.id}`,
      data: { licensingId: e.id, licensingNumber: e.number, accountId, services: [names.get(productId)?.code ?? productId], how: 'LINKED' },
    },
  );
}

/**
 * R-OS-6: the renewal joins the account of the enrollment it renews without a mail; that
 * enrollment's subscriptions go In Grace until its grace period ends, the new ones are Active.
 */
export async function linkRenewal(
  tx: DbOrTx,
  now: Date,
  e: Enrollment,
  previous: { licensingId: string; accountId: string; endDate: string | null },
): Promise<void> {
  const account = await accountName(tx, previous.accountId);
  await linkEnrollment(tx, now, null, e, { id: previous.accountId, name: account }, 'RENEWAL');
  const graceEnd = graceEndsOn(previous.endDate, dayOf(now));
  const moved = await tx.execute(sql`
    update service_subscription set status = 'IN_GRACE', grace_ends_on = ${graceEnd}
    where licensing_id = ${previous.licensingId} and status = 'ACTIVE'`);
  await enqueueProvisioning(
    tx,
    { now: () => now },
    {
      type: 'service.renewal',
      subject: `licensing-id:${e.id}`,
      data: { licensingId: e.id, previousLicensingId: previous.licensingId, accountId: previous.accountId, graceEndsOn: graceEnd },
    },
  );
  await audit(tx, null, {
    action: 'online-services.renewal',
    targetType: 'licensing_id',
    targetId: e.id,
    organizationId: e.organizationId,
    licensingIds: [previous.licensingId],
    after: {
      accountId: previous.accountId,
      previousLicensingId: previous.licensingId,
      inGrace: moved.rowCount ?? 0,
      graceEndsOn: graceEnd,
    },
  });
}

export async function accountName(db: DbOrTx, accountId: string): Promise<string> {
  const res = await db.execute<{ name: string }>(sql`select name from service_account where id = ${accountId}`);
  return res.rows[0]?.name ?? '';
}

/** The Administrators of record learn that services went to an account without an activation mail. */
export async function mailProvisioned(
  tx: DbOrTx,
  config: Config,
  e: Enrollment,
  service: string,
  account: string,
  reason: keyof (typeof PROVISION_REASONS)['en'],
): Promise<void> {
  for (const admin of await administratorsOfRecord(tx, e.id)) {
    await enqueueMail(tx, {
      to: admin.email,
      locale: admin.locale,
      template: onlineServicesMails.servicesProvisioned,
      params: {
        firstName: admin.firstName || admin.email,
        service,
        licensingName: e.name,
        licensingNumber: e.number,
        account,
        reason: PROVISION_REASONS[admin.locale][reason],
        url: `${config.publicUrl}/online-services`,
      },
    });
  }
}
