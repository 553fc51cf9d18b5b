import { sql } from 'drizzle-orm';
import { type AuditAction, audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../../platform/authz/scope.js';
import type { Tx } from '../../../platform/db/client.js';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { delegationMails } from './mails.js';
import { mailCustomer, mailPartner } from './notify.js';
import { type DelegationScope, loadDelegations, viewOf } from './read.js';
import { type DelegationStep, stepDelegation } from './rules.js';
import type { RequestDelegation } from './schemas.js';

const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

const AUDITED: Record<DelegationStep, AuditAction> = {
  approve: 'benefit-delegation.approve',
  deny: 'benefit-delegation.deny',
  remove: 'benefit-delegation.remove',
  withdraw: 'benefit-delegation.withdraw',
};

const MAILS = {
  approve: delegationMails.delegationApproved,
  deny: delegationMails.delegationDenied,
  remove: delegationMails.delegationRemoved,
} as const;

/**
 * R-SA-7. The partner asks only for Licensing IDs it is channel partner of record of: a partner
 * can name no other customer's Licensing ID without learning that it exists, and the FAQ's request
 * "must originate with" the customer's partner. Several partners hold it at once when a customer's
 * Licensing IDs are served by several, and a former partner keeps an approved permission until the
 * customer removes it (the customer decides whom it trusts, not the publisher's record).
 */
export function createDelegationService(deps: ModuleDeps) {
  const { db, clock, config } = deps;

  async function one(tx: Tx, scope: DelegationScope, id: string) {
    await tx.execute(sql`select 1 from benefit_delegation where id = ${id} for update`);
    const [d] = await loadDelegations(tx, scope, sql`d.id = ${id}`);
    if (!d) throw notFound('benefit permission');
    return d;
  }

  /** Granting reaches every Licensing ID named, so only who administers them all grants it (denying or removing trust needs one). */
  async function administersAll(tx: Tx, scope: DelegationScope, ids: string[]) {
    if (scope.kind !== 'customer') return;
    const held = await visibleLicensingIds(tx, scope.actor, 'partner.change');
    if (ids.some((id) => !held.includes(id))) throw forbidden('partner.change');
  }

  async function step(actor: Actor, scope: DelegationScope, id: string, s: DelegationStep) {
    return db.transaction(async (tx) => {
      const d = await one(tx, scope, id);
      if (s === 'approve')
        await administersAll(
          tx,
          scope,
          d.licensingIds.map((l) => l.id),
        );
      const next = stepDelegation(d.status, s);
      if ('refusal' in next)
        throw conflict(next.refusal, 'This benefit permission cannot take that step now.', { currentStatus: d.status });
      const now = clock.now();
      await tx.execute(sql`update benefit_delegation set status = ${next.status}, changed_by = ${actor.userId}, changed_at = ${now.toISOString()}
        where id = ${id}`);
      await audit(tx, actor, {
        action: AUDITED[s],
        targetType: 'benefit_delegation',
        targetId: id,
        organizationId: d.organizationId,
        licensingIds: d.licensingIds.map((l) => l.id),
        before: { status: d.status },
        after: { status: next.status, partner: d.partner.number, licensingIds: d.licensingIds.map((l) => l.number) },
      });
      const [after] = await loadDelegations(tx, { kind: 'system' }, sql`d.id = ${id}`);
      if (!after) throw notFound('benefit permission');
      if (s === 'withdraw') await mailCustomer(tx, after, delegationMails.delegationWithdrawn, {}, config.publicUrl);
      else await mailPartner(tx, after, MAILS[s], { decidedBy: actor.email }, config.publicUrl);
      return viewOf(after);
    });
  }

  return {
    /** The partner asks; the customer's Administrators are mailed to decide. */
    async request(actor: Actor, input: RequestDelegation) {
      const ids = [...new Set(input.licensingIds)];
      return db.transaction(async (tx) => {
        const served = await tx.execute<{ id: string; organization_id: string }>(sql`
          select l.id, l.organization_id from licensing_id l join partner_of_record p on p.licensing_id = l.id
          where l.id = any(${uuids(ids)}) and p.partner_organization_id = ${actor.organizationId}`);
        // One not served is as unknown as one that does not exist.
        if (served.rows.length !== ids.length) throw notFound('Licensing ID');
        const customers = new Set(served.rows.map((r) => r.organization_id));
        const [organizationId] = customers;
        if (customers.size !== 1 || !organizationId)
          throw invalid('BENEFIT_DELEGATION_ONE_CUSTOMER', 'The Licensing IDs belong to several customers.', {});
        // Serializes two requests of one partner, so an open one per Licensing ID stays one.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`benefit-delegation:${actor.organizationId}`}, 0))`);
        const open = await tx.execute(sql`
          select 1 from benefit_delegation d join benefit_delegation_licensing_id x on x.delegation_id = d.id
          where d.partner_organization_id = ${actor.organizationId} and d.status in ('PENDING', 'APPROVED') and x.licensing_id = any(${uuids(ids)})`);
        if (open.rowCount)
          throw conflict('BENEFIT_DELEGATION_EXISTS', 'A request or permission already stands for a chosen Licensing ID.', {});
        const now = clock.now();
        const inserted = await tx.execute<{ id: string }>(sql`
          insert into benefit_delegation (partner_organization_id, organization_id, status, requested_by, requested_at)
          values (${actor.organizationId}, ${organizationId}, 'PENDING', ${actor.userId}, ${now.toISOString()}) returning id`);
        const id = inserted.rows[0]?.id ?? '';
        await tx.execute(sql`insert into benefit_delegation_licensing_id (delegation_id, licensing_id)
          select ${id}::uuid, l from unnest(${uuids(ids)}) l`);
        const [d] = await loadDelegations(tx, { kind: 'system' }, sql`d.id = ${id}`);
        if (!d) throw notFound('benefit permission');
        await audit(tx, actor, {
          action: 'benefit-delegation.request',
          targetType: 'benefit_delegation',
          targetId: id,
          organizationId,
          licensingIds: ids,
          after: { status: d.status, partner: d.partner.number, licensingIds: d.licensingIds.map((l) => l.number) },
        });
        await mailCustomer(tx, d, delegationMails.delegationRequested, { requester: actor.email }, config.publicUrl);
        return viewOf(d);
      });
    },
    async partnerList(actor: Actor) {
      return { items: (await loadDelegations(db, { kind: 'partner', actor })).map(viewOf) };
    },
    async customerList(actor: Actor) {
      return { items: (await loadDelegations(db, { kind: 'customer', actor })).map(viewOf) };
    },
    withdraw: (actor: Actor, id: string) => step(actor, { kind: 'partner', actor }, id, 'withdraw'),
    /** The customer's Administrators decide; the request is one for all its Licensing IDs. */
    decide: (actor: Actor, id: string, s: 'approve' | 'deny' | 'remove') => step(actor, { kind: 'customer', actor }, id, s),
  };
}
