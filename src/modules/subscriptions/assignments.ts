import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Db, DbOrTx } from '../../platform/db/client.js';
import { sqlState } from '../../platform/db/sql-state.js';
import { conflict, DomainError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { uuidv7 } from '../../platform/ids.js';
import { enqueueMail, outboxRows } from '../../platform/mail/outbox.js';
import { normalizeEmail } from '../identity/rules.js';
import { subscriptionMails } from './mails.js';
import { licensingIdRef, subscriptionProducts } from './overview.js';
import { type AssignRefusal, assignRefusal, reassignRefusal } from './rules.js';

export interface Person {
  name: string;
  email: string;
  locale: Locale;
}
export interface Assignment extends Person {
  id: string;
  productId: string;
  productName: string;
  assignedAt: string;
}

/**
 * One assignment's writes, one statement: the function assign_subscription (migration 0033),
 * prepared once per connection by name, as activate_machine is.
 */
const ASSIGN_SUBSCRIPTION = 'select assign_subscription($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)';
/** The SQLSTATEs assign_subscription raises: the person already holds one; none remaining. */
const ALREADY_ASSIGNED = 'LSC03';
const NONE_REMAINING = 'LSC04';

/** The page position: the last row's name and id (the list is by name). */
const Position = z.tuple([z.string().max(400), z.uuid()]);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const STATUS: Record<AssignRefusal, number> = {
  SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED: 400,
  SUBSCRIPTION_NOT_PURCHASED: 409,
  SUBSCRIPTIONS_NONE_REMAINING: 409,
};
const MESSAGE: Record<AssignRefusal, string> = {
  SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED: 'Acknowledge the purchase obligation that assigning creates.',
  SUBSCRIPTION_NOT_PURCHASED: 'No subscriptions of this product are purchased on this Licensing ID.',
  SUBSCRIPTIONS_NONE_REMAINING: 'Every purchased subscription of this product is assigned.',
};
const refused = (r: AssignRefusal, details: Record<string, unknown>) => new DomainError(r, STATUS[r], MESSAGE[r], details);
const alreadyAssigned = (email: string) =>
  conflict('SUBSCRIPTION_ALREADY_ASSIGNED', 'This person already has a subscription of this product.', { email });

/** Open assignments of a Licensing ID, scoped in the WHERE: another Licensing ID's assignment is not found. */
async function openAssignments(
  db: DbOrTx,
  licensingId: string,
  f: { id?: string; productId?: string; q?: string; after?: [string, string]; limit?: number },
): Promise<Assignment[]> {
  const like = f.q ? `%${likeEscape(f.q)}%` : null;
  const res = await db.execute<Assignment & Record<string, unknown>>(sql`
    select a.id, a.product_id as "productId", p.name as "productName", a.holder_name as name, a.holder_email as email,
      a.holder_locale as locale, a.assigned_at as "assignedAt"
    from subscription_assignment a join product p on p.id = a.product_id
    where a.licensing_id = ${licensingId} and a.ended_at is null
      ${f.id ? sql`and a.id = ${f.id}` : sql``}
      ${f.productId ? sql`and a.product_id = ${f.productId}` : sql``}
      ${like ? sql`and (a.holder_name ilike ${like} or a.holder_email ilike ${like})` : sql``}
      ${f.after ? sql`and (a.holder_name, a.id) > (${f.after[0]}, ${f.after[1]}::uuid)` : sql``}
    order by a.holder_name, a.id
    ${f.limit ? sql`limit ${f.limit}` : sql``}`);
  return res.rows.map((r) => ({ ...r, assignedAt: new Date(r.assignedAt).toISOString() }));
}

async function productName(tx: DbOrTx, productId: string): Promise<string> {
  const res = await tx.execute<{ name: string }>(sql`select name from product where id = ${productId}`);
  return res.rows[0]?.name ?? '';
}

export function createSubscriptionAssignments({ db, database, clock }: { db: Db; database: Database; clock: Clock }) {
  async function mustBeOpen(tx: DbOrTx, licensingId: string, id: string) {
    const [a] = await openAssignments(tx, licensingId, { id });
    if (!a) throw notFound('subscription assignment');
    return a;
  }

  /** The person's mail, in their language: instructions on assignment, a notice when it ends. */
  async function mail(tx: DbOrTx, licensingId: string, kind: 'subscriptionAssigned' | 'subscriptionEnded', p: Person, product: string) {
    const { organization } = await licensingIdRef(tx, licensingId);
    await enqueueMail(tx, {
      to: p.email,
      locale: p.locale,
      template: subscriptionMails[kind],
      params: { name: p.name, email: p.email, organization, product },
    });
  }

  /**
   * A new open assignment; null when the person already has one of the product (the partial
   * unique index decides, so two requests for the same person cannot both pass).
   */
  async function insertAssignment(tx: DbOrTx, actor: Actor, licensingId: string, productId: string, p: Person): Promise<string | null> {
    const { organizationId } = await licensingIdRef(tx, licensingId);
    const res = await tx.execute<{ id: string }>(sql`
      insert into subscription_assignment (licensing_id, organization_id, product_id, holder_name, holder_email, holder_locale, assigned_at, assigned_by)
      values (${licensingId}, ${organizationId}, ${productId}, ${p.name}, ${p.email}, ${p.locale}, ${clock.now().toISOString()}, ${actor.userId})
      on conflict (licensing_id, product_id, holder_email) where ended_at is null do nothing
      returning id`);
    return res.rows[0]?.id ?? null;
  }

  return {
    async list(licensingId: string, q: { productId?: string; q?: string; limit: number; cursor?: string }) {
      const after = q.cursor ? decodeCursor(q.cursor, Position) : undefined;
      const rows = await openAssignments(db, licensingId, { productId: q.productId, q: q.q || undefined, after, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.name, last.id]) : null };
    },

    /**
     * R-PERM-2: a Subscriptions Manager assigns one subscription to a named person, who is mailed
     * instructions in their language. The count is taken by one conditional UPDATE of the
     * product's counter: under concurrency exactly as many succeed as remain. The reads come first
     * (in parallel); the writes are one statement (assign_subscription, migration 0033) that takes
     * the counter last, so its row lock is held only inside PostgreSQL until the commit, never
     * across a round trip to this process.
     */
    assign: async (
      actor: Actor,
      licensingId: string,
      input: Person & { productId: string; acknowledgePurchaseObligation?: boolean | undefined },
    ): Promise<Assignment> => {
      const now = clock.now();
      const person = { name: input.name, email: normalizeEmail(input.email), locale: input.locale };
      const [[product], ref] = await Promise.all([
        subscriptionProducts(db, clock, licensingId, input.productId),
        licensingIdRef(db, licensingId),
      ]);
      const purchased = product?.purchased ?? 0;
      const refusal = assignRefusal({
        acknowledged: input.acknowledgePurchaseObligation === true,
        purchased,
        assigned: product?.assigned ?? 0,
      });
      if (refusal) throw refused(refusal, { productId: input.productId });
      const productName = product?.productName ?? '';
      const id = uuidv7(now);
      const mails = outboxRows([
        {
          to: person.email,
          locale: person.locale,
          template: subscriptionMails.subscriptionAssigned,
          params: { name: person.name, email: person.email, organization: ref.organization, product: productName },
        },
      ]);
      const after = {
        assignmentId: id,
        productId: input.productId,
        email: person.email,
        locale: person.locale,
        obligationAcknowledged: true,
      };
      try {
        await database.pool.query({
          name: 'lsc-assign-subscription',
          text: ASSIGN_SUBSCRIPTION,
          values: [
            id,
            licensingId,
            ref.organizationId,
            input.productId,
            person.name,
            person.email,
            person.locale,
            now.toISOString(),
            actor.userId,
            purchased,
            actor.organizationId,
            JSON.stringify(after),
            actor.requestId,
            JSON.stringify(mails),
          ],
        });
      } catch (e) {
        const state = sqlState(e);
        if (state === ALREADY_ASSIGNED) throw alreadyAssigned(person.email);
        // Another assignment took the last one after the check above: nothing of this one was written.
        if (state === NONE_REMAINING) throw refused('SUBSCRIPTIONS_NONE_REMAINING', { productId: input.productId });
        throw e;
      }
      return { id, productId: input.productId, productName, ...person, assignedAt: now.toISOString() };
    },

    /**
     * The subscription goes to another person: the old assignment ends (the old holder is told),
     * a new one opens (the new holder gets the instructions); the count does not change.
     */
    reassign: (actor: Actor, licensingId: string, id: string, input: Person) =>
      db.transaction(async (tx) => {
        const person = { name: input.name, email: normalizeEmail(input.email), locale: input.locale };
        const ended = await tx.execute<Person & { productId: string } & Record<string, unknown>>(sql`
          update subscription_assignment set ended_at = ${clock.now().toISOString()}, end_reason = 'REASSIGNED'
          where id = ${id} and licensing_id = ${licensingId} and ended_at is null
          returning holder_name as name, holder_email as email, holder_locale as locale, product_id as "productId"`);
        const [old] = ended.rows;
        if (!old) throw notFound('subscription assignment');
        const { productId } = old;
        if (reassignRefusal(old.email, person.email)) throw alreadyAssigned(person.email);
        const newId = await insertAssignment(tx, actor, licensingId, productId, person);
        if (!newId) throw alreadyAssigned(person.email);
        await tx.execute(sql`update subscription_assignment set replaced_by = ${newId} where id = ${id}`);
        await audit(tx, actor, {
          action: 'subscriptions.reassign',
          targetType: 'licensing_id',
          targetId: licensingId,
          before: { assignmentId: id, productId, email: old.email },
          after: { assignmentId: newId, productId, email: person.email, locale: person.locale },
        });
        const product = await productName(tx, productId);
        await mail(tx, licensingId, 'subscriptionEnded', old, product);
        await mail(tx, licensingId, 'subscriptionAssigned', person, product);
        return mustBeOpen(tx, licensingId, newId);
      }),

    /** The assignment ends and its unit returns to the product's remaining; the person is told. */
    remove: (actor: Actor, licensingId: string, id: string) =>
      db.transaction(async (tx) => {
        const ended = await tx.execute<{ name: string; email: string; locale: Locale; product_id: string }>(sql`
          update subscription_assignment set ended_at = ${clock.now().toISOString()}, end_reason = 'REMOVED'
          where id = ${id} and licensing_id = ${licensingId} and ended_at is null
          returning holder_name as name, holder_email as email, holder_locale as locale, product_id`);
        const a = ended.rows[0];
        if (!a) throw notFound('subscription assignment');
        await audit(tx, actor, {
          action: 'subscriptions.remove',
          targetType: 'licensing_id',
          targetId: licensingId,
          before: { assignmentId: id, productId: a.product_id, email: a.email },
        });
        await mail(tx, licensingId, 'subscriptionEnded', a, await productName(tx, a.product_id));
        // Last, as in assign: the counter's row lock lasts only until the commit.
        await tx.execute(sql`
          update subscription_count set assigned = assigned - 1 where licensing_id = ${licensingId} and product_id = ${a.product_id}`);
      }),
  };
}
