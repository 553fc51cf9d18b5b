import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../../platform/authz/scope.js';
import { notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { ProgramCode } from '../../relationship/rules.js';
import { formFileName, requestForm } from './form.js';
import { type ChangeScope, loadChanges, type PartnerChangeView } from './read.js';
import { cancel, decide } from './respond.js';
import { startRefusal } from './rules.js';
import type { StartPartnerChange } from './schemas.js';
import { alreadyOpen, isOpenLineClash, startChange } from './start.js';
import { sweepPartnerChanges } from './sweep.js';

/** What the API shows of a request: the view without the internal ids it was loaded with. */
const publicView = ({ organizationId, newPartnerOrganizationId, requestedById, ...view }: PartnerChangeView) => view;

/** R-REL-6: change of channel partner, for the customer's Administrators, the new partner and the operator's sweep. */
export function createPartnerChangeService(deps: ModuleDeps) {
  const { db, clock } = deps;
  const customer = (actor: Actor): ChangeScope => ({ kind: 'customer', actor });
  const partner = (actor: Actor): ChangeScope => ({ kind: 'partner', actor });

  const one = async (scope: ChangeScope, id: string) => {
    const [change] = await loadChanges(db, scope, sql`c.id = ${id}`, clock.now());
    if (!change) throw notFound('change of channel partner');
    return change;
  };
  const list = async (scope: ChangeScope) => (await loadChanges(db, scope, sql`true`, clock.now())).map(publicView);

  return {
    /** The Licensing IDs the actor may change the partner of, each with its partner of record and why a change would be refused now. */
    async candidates(actor: Actor) {
      const now = clock.now();
      const rows = await db.execute<{
        id: string;
        number: string;
        name: string;
        program_code: ProgramCode;
        status: string;
        end_date: string | null;
        partner_id: string | null;
        partner_name: string | null;
        partner_number: string | null;
        in_open_change: boolean;
      }>(sql`
        select li.id, li.number, li.name, li.program_code, li.status, li.end_date,
          por.partner_organization_id as partner_id, po.name as partner_name, cp.number as partner_number,
          exists (select 1 from partner_change_line l join partner_change c on c.id = l.change_id
            where l.licensing_id = li.id and l.open
              and not (c.decision is null and c.canceled_at is null and c.respond_by <= ${now.toISOString()}::timestamptz)) as in_open_change
        from licensing_id li
          left join partner_of_record por on por.licensing_id = li.id
          left join channel_partner cp on cp.organization_id = por.partner_organization_id
          left join organization po on po.id = cp.organization_id
        where li.id in (${visibleLicensingIdsSql(actor, 'partner.change')})
        order by li.number`);
      return rows.rows.map((r) => ({
        id: r.id,
        number: r.number,
        name: r.name,
        programCode: r.program_code,
        partnerOfRecord: r.partner_name && r.partner_number ? { name: r.partner_name, number: r.partner_number } : null,
        // No partner is named yet, so "already of record" cannot apply to one Licensing ID alone.
        refusal:
          startRefusal(
            [
              {
                number: r.number,
                programCode: r.program_code,
                status: r.status,
                endDate: r.end_date,
                partnerOfRecord: r.partner_id,
                inOpenChange: r.in_open_change,
              },
            ],
            '',
            now,
          )?.code ?? null,
      }));
    },

    async start(actor: Actor, input: StartPartnerChange) {
      let id: string;
      try {
        id = await db.transaction((tx) => startChange(tx, deps, actor, input));
      } catch (e) {
        // Another Administrator's request for the same Licensing ID committed first.
        if (isOpenLineClash(e)) throw alreadyOpen([]);
        throw e;
      }
      return publicView(await one(customer(actor), id));
    },

    listForCustomer: (actor: Actor) => list(customer(actor)),
    detailForCustomer: async (actor: Actor, id: string) => publicView(await one(customer(actor), id)),
    async cancel(actor: Actor, id: string) {
      await db.transaction((tx) => cancel(tx, deps, actor, id));
      return publicView(await one(customer(actor), id));
    },

    listForPartner: (actor: Actor) => list(partner(actor)),
    detailForPartner: async (actor: Actor, id: string) => publicView(await one(partner(actor), id)),
    async accept(actor: Actor, id: string) {
      await db.transaction((tx) => decide(tx, deps, actor, id, 'ACCEPTED'));
      return publicView(await one(partner(actor), id));
    },
    async decline(actor: Actor, id: string) {
      await db.transaction((tx) => decide(tx, deps, actor, id, 'DECLINED'));
      return publicView(await one(partner(actor), id));
    },

    /** The request form as the customer's Administrator or the new partner may read it, in the reader's language. */
    async form(actor: Actor, side: 'customer' | 'partner', id: string, locale: Locale) {
      const change = await one(side === 'customer' ? customer(actor) : partner(actor), id);
      return { name: formFileName(change), content: requestForm(change, locale, clock.now()) };
    },

    /** The operator runs the sweep now rather than waiting for the server's next one. */
    sweep: (actor: Actor) => sweepPartnerChanges(deps, clock.now(), actor),
  };
}
