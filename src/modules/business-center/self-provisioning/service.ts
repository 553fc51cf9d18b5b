import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { productsById } from '../../catalog/service.js';
import { onlineServicePurchaseDays } from '../../orders/for-business-center.js';
import { dayOf } from '../../orders/rules.js';
import { partnerNoticeAddress } from '../../partners/for-business-center.js';
import { accountFacts } from '../account-facts.js';
import { accountLicensingIds } from '../accounts.js';
import { agreementAnniversary } from '../agreements/tables.js';
import { selfProvisioningMails } from './mails.js';
import { cancellable, quantityValid, type RequestState, renewalPrice, serviceYearOf } from './rules.js';
import { onlineServicePrice, selfProvisioningRequest } from './tables.js';

export interface PlanPrice {
  productId: string;
  code: string;
  name: string;
  todaysPrice: number;
  currency: string;
}

/** The price list on a day: each priced product's row in force (the latest from that day or before). */
export async function pricesOn(db: DbOrTx, day: string, productId?: string): Promise<PlanPrice[]> {
  const res = await db.execute<{ product_id: string; code: string; name: string; unit_price: string; currency: string }>(sql`
    select distinct on (s.product_id) s.product_id, p.code, p.name, s.unit_price, s.currency
    from online_service_price s join product p on p.id = s.product_id
    where s.effective_from <= ${day}::date ${productId ? sql`and s.product_id = ${productId}` : sql``}
    order by s.product_id, s.effective_from desc`);
  return res.rows
    .map((r) => ({ productId: r.product_id, code: r.code, name: r.name, todaysPrice: Number(r.unit_price), currency: r.currency }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code, 'en'));
}

/** R-BC-6: the price per seat for additional seats of a plan under an agreement today. */
export async function seatPrice(
  db: DbOrTx,
  p: { licensingId: string; agreementStart: string | null; productId: string; today: string },
): Promise<{ unitPrice: number; currency: string; todaysPrice: number; nextAnniversary: string } | null> {
  const [today] = await pricesOn(db, p.today, p.productId);
  if (!today) return null;
  // R-BC-3: the anniversary month the account chose, if any, moves the service year.
  const [chosen] = await db
    .select({ month: agreementAnniversary.month })
    .from(agreementAnniversary)
    .where(eq(agreementAnniversary.licensingId, p.licensingId));
  const year = serviceYearOf(p.agreementStart ?? p.today, p.today, chosen?.month ?? null);
  const days = await onlineServicePurchaseDays(db, p.licensingId, p.productId, year.from, p.today);
  const purchases = [];
  for (const day of days) {
    const [then] = await pricesOn(db, day, p.productId);
    if (then && then.currency === today.currency) purchases.push({ day, unitPrice: then.todaysPrice });
  }
  const unitPrice = renewalPrice({ serviceYearFrom: year.from, today: p.today, todaysPrice: today.todaysPrice, purchases });
  return { unitPrice, currency: today.currency, todaysPrice: today.todaysPrice, nextAnniversary: year.nextAnniversary };
}

export interface RequestView {
  id: string;
  purchasingAccount: { id: string; number: string; name: string };
  licensingId: { id: string; number: string };
  product: { id: string; code: string; name: string };
  quantity: number;
  unitPrice: number;
  currency: string;
  state: RequestState;
  requestedBy: string;
  requestedAt: Date;
  orderNumber: string | null;
  orderedAt: Date | null;
  cancelledAt: Date | null;
}

async function requestsWhere(db: DbOrTx, where: ReturnType<typeof sql>): Promise<RequestView[]> {
  const res = await db.execute<{
    id: string;
    account_id: string;
    account_number: string;
    account_name: string;
    licensing_id: string;
    licensing_number: string;
    product_id: string;
    code: string;
    name: string;
    quantity: number;
    unit_price: string;
    currency: string;
    state: RequestState;
    requested_by: string;
    requested_at: Date;
    order_number: string | null;
    ordered_at: Date | null;
    cancelled_at: Date | null;
  }>(sql`
    select r.id, a.id as account_id, a.number as account_number, a.name as account_name, r.licensing_id, l.number as licensing_number,
      r.product_id, p.code, p.name, r.quantity, r.unit_price, r.currency, r.state, u.email as requested_by, r.requested_at,
      o.order_number, r.ordered_at, r.cancelled_at
    from self_provisioning_request r
    join purchasing_account a on a.id = r.purchasing_account_id
    join licensing_id l on l.id = r.licensing_id
    join product p on p.id = r.product_id
    join "user" u on u.id = r.requested_by
    left join license_order o on o.id = r.order_id
    where ${where}
    order by r.requested_at desc, r.id`);
  return res.rows.map((r) => ({
    id: r.id,
    purchasingAccount: { id: r.account_id, number: r.account_number, name: r.account_name },
    licensingId: { id: r.licensing_id, number: r.licensing_number },
    product: { id: r.product_id, code: r.code, name: r.name },
    quantity: r.quantity,
    unitPrice: Number(r.unit_price),
    currency: r.currency,
    state: r.state,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at),
    orderNumber: r.order_number,
    orderedAt: r.ordered_at ? new Date(r.ordered_at) : null,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
  }));
}

/** R-BC-5: self-provisioning, for the customer (account.manage / account.view) and the partner serving the account. */
export function createSelfProvisioning({ db, clock, config }: { db: Db; clock: Clock; config: Config }) {
  async function agreementsOf(accountId: string) {
    return (await accountLicensingIds(db, accountId)).licensingIds;
  }

  return {
    /** The plans a customer may set up, each with today's price and the price per additional seat under each agreement (R-BC-6). */
    async plans(accountId: string) {
      const today = dayOf(clock.now());
      const agreements = await agreementsOf(accountId);
      const prices = await pricesOn(db, today);
      const plans = [];
      for (const plan of prices) {
        const perAgreement = [];
        for (const a of agreements) {
          const price = await seatPrice(db, { licensingId: a.id, agreementStart: a.startDate, productId: plan.productId, today });
          if (price)
            perAgreement.push({ licensingId: a.id, number: a.number, unitPrice: price.unitPrice, nextAnniversary: price.nextAnniversary });
        }
        plans.push({ ...plan, agreements: perAgreement });
      }
      return { asOf: today, plans };
    },

    async list(accountId: string) {
      return { items: await requestsWhere(db, sql`r.purchasing_account_id = ${accountId}`) };
    },

    /** R-BC-5: a request, audited, and the partner serving the account mailed, in one transaction. */
    async request(
      actor: Actor,
      accountId: string,
      body: { licensingId: string; productId: string; quantity: number; commitToOrder: boolean },
    ): Promise<RequestView> {
      if (!quantityValid(body.quantity)) {
        throw invalid('SELF_PROVISIONING_QUANTITY_INVALID', 'The quantity must be a whole number of at least 1.', {
          quantity: body.quantity,
        });
      }
      if (body.commitToOrder !== true) {
        throw invalid('SELF_PROVISIONING_COMMITMENT_REQUIRED', 'Commit to ordering the service through your partner.');
      }
      const account = await accountFacts(db, accountId);
      if (!account) throw notFound('purchasing account');
      const agreement = (await agreementsOf(accountId)).find((a) => a.id === body.licensingId);
      if (!agreement) throw invalid('SELF_PROVISIONING_AGREEMENT_UNKNOWN', 'The agreement is not one of the account’s.');
      const now = clock.now();
      const today = dayOf(now);
      const price = await seatPrice(db, {
        licensingId: agreement.id,
        agreementStart: agreement.startDate,
        productId: body.productId,
        today,
      });
      if (!price) throw invalid('SELF_PROVISIONING_PLAN_UNKNOWN', 'The plan cannot be set up here.');
      const partner = account.partnerOrganizationId ? await partnerNoticeAddress(db, account.partnerOrganizationId) : null;
      if (!partner) throw conflict('SELF_PROVISIONING_NO_PARTNER', 'No partner serves the purchasing account.');
      const product = (await productsById(db, [body.productId])).get(body.productId);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(selfProvisioningRequest)
          .values({
            purchasingAccountId: accountId,
            licensingId: agreement.id,
            productId: body.productId,
            quantity: body.quantity,
            unitPrice: price.unitPrice.toFixed(2),
            currency: price.currency,
            state: 'REQUESTED',
            requestedBy: actor.userId,
            requestedAt: now,
            committedAt: now,
          })
          .returning({ id: selfProvisioningRequest.id });
        if (!row) throw new DomainError('INTERNAL', 500, 'The request was not recorded.');
        await audit(tx, actor, {
          action: 'self-provisioning.request',
          targetType: 'self_provisioning_request',
          targetId: row.id,
          organizationId: account.organizationId,
          licensingIds: [agreement.id],
          after: {
            purchasingAccountId: accountId,
            productId: body.productId,
            quantity: body.quantity,
            unitPrice: price.unitPrice,
            currency: price.currency,
          },
        });
        await enqueueMail(tx, {
          to: partner.email,
          locale: actor.locale,
          template: selfProvisioningMails.selfProvisioningRequested,
          params: {
            partnerName: partner.name,
            requesterEmail: actor.email,
            accountName: account.name,
            accountNumber: account.number,
            agreementNumber: agreement.number,
            productName: product?.name ?? '',
            quantity: body.quantity,
            unitPrice: price.unitPrice.toFixed(2),
            currency: price.currency,
            url: `${config.publicUrl}/partner/self-provisioning`,
          },
        });
        return row.id;
      });
      const [view] = await requestsWhere(db, sql`r.id = ${id}`);
      if (!view) throw new DomainError('INTERNAL', 500, 'The request vanished.');
      return view;
    },

    /** R-BC-5: the customer withdraws a request not ordered yet. */
    async cancel(actor: Actor, accountId: string, requestId: string): Promise<RequestView> {
      const [current] = await requestsWhere(db, sql`r.id = ${requestId} and r.purchasing_account_id = ${accountId}`);
      if (!current) throw notFound('self-provisioning request');
      if (!cancellable(current.state)) {
        throw conflict('SELF_PROVISIONING_NOT_CANCELLABLE', 'Only a request not yet ordered can be cancelled.', { state: current.state });
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const done = await tx
          .update(selfProvisioningRequest)
          .set({ state: 'CANCELLED', cancelledAt: now })
          .where(and(eq(selfProvisioningRequest.id, requestId), eq(selfProvisioningRequest.state, 'REQUESTED')))
          .returning({ id: selfProvisioningRequest.id });
        if (done.length === 0) throw conflict('SELF_PROVISIONING_NOT_CANCELLABLE', 'Only a request not yet ordered can be cancelled.');
        const account = await accountFacts(tx, accountId);
        await audit(tx, actor, {
          action: 'self-provisioning.cancel',
          targetType: 'self_provisioning_request',
          targetId: requestId,
          organizationId: account?.organizationId ?? null,
          licensingIds: [current.licensingId.id],
          before: { state: current.state },
          after: { state: 'CANCELLED' },
        });
      });
      const [view] = await requestsWhere(db, sql`r.id = ${requestId}`);
      if (!view) throw new DomainError('INTERNAL', 500, 'The request vanished.');
      return view;
    },

    /** R-BC-5: the requests of the accounts the partner's organization serves. */
    async forPartner(actor: Actor) {
      return {
        items: await requestsWhere(
          db,
          sql`r.purchasing_account_id in (select id from purchasing_account where partner_organization_id = ${actor.organizationId})`,
        ),
      };
    },

    /** The operator sets a plan's price per seat from a day on (R-BC-6). */
    async setPrice(actor: Actor, productId: string, body: { effectiveFrom: string; unitPrice: number; currency: string }) {
      const product = (await productsById(db, [productId])).get(productId);
      if (!product) throw notFound('product');
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(onlineServicePrice)
          .values({
            productId,
            effectiveFrom: body.effectiveFrom,
            unitPrice: body.unitPrice.toFixed(2),
            currency: body.currency,
            setBy: actor.userId,
            setAt: now,
          })
          .onConflictDoUpdate({
            target: [onlineServicePrice.productId, onlineServicePrice.effectiveFrom],
            set: { unitPrice: body.unitPrice.toFixed(2), currency: body.currency, setBy: actor.userId, setAt: now },
          });
        await audit(tx, actor, {
          action: 'online-service-price.set',
          targetType: 'product',
          targetId: productId,
          organizationId: null,
          after: body,
        });
      });
      return { productId, code: product.code, name: product.name, ...body };
    },
  };
}
