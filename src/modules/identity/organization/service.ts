import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { countryFixed, normalizeRestrictedDomains } from '../registration/rules.js';
import { organization } from '../tables.js';

export interface SignUpSettingsChange {
  selfSignUp?: boolean;
  restrictedDomains?: string[];
  directoryRequired?: boolean;
  /** Password users must sign in with a second factor. */
  requireSecondFactor?: boolean;
  country?: string;
}

/** Locks the organization row (when asked) so that a concurrent change cannot slip between read and write. */
async function load(db: DbOrTx, organizationId: string, lock = false) {
  const res = await db.execute<{
    id: string;
    name: string;
    country: string;
    domains: string[];
    self_sign_up: boolean;
    restricted_domains: string[];
    directory_required: boolean;
    require_second_factor: boolean;
    active: number;
  }>(sql`
    select o.id, o.name, o.country, o.domains, o.self_sign_up, o.restricted_domains, o.directory_required, o.require_second_factor,
      (select count(*)::int from "user" u where u.organization_id = o.id and u.status = 'active') as active
    from organization o where o.id = ${organizationId}
    ${lock ? sql`for update` : sql``}`);
  const r = res.rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    countryFixed: countryFixed(r.active),
    domains: r.domains,
    selfSignUp: r.self_sign_up,
    restrictedDomains: r.restricted_domains,
    directoryRequired: r.directory_required,
    requireSecondFactor: r.require_second_factor,
  };
}

export type OrganizationSettings = NonNullable<Awaited<ReturnType<typeof load>>>;

const signUpSettings = (o: OrganizationSettings) => ({
  selfSignUp: o.selfSignUp,
  restrictedDomains: o.restrictedDomains,
  directoryRequired: o.directoryRequired,
  requireSecondFactor: o.requireSecondFactor,
});

export const countryFixedError = (country: string) =>
  conflict('COUNTRY_FIXED', "The organization's country or region is fixed once sign-up is complete; only support can correct it.", {
    country,
  });

/** R-ID-4 sign-up settings and R-ID-7 country of the actor's own organization; the operator's correction. */
export function createOrganizationSettingsService({ db }: { db: Db }) {
  return {
    async get(actor: Actor): Promise<OrganizationSettings> {
      const found = await load(db, actor.organizationId);
      if (!found) throw notFound('organization');
      return found;
    },

    async update(actor: Actor, change: SignUpSettingsChange): Promise<OrganizationSettings> {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor.organizationId, true);
        if (!before) throw notFound('organization');
        if (change.country !== undefined && change.country !== before.country) {
          // An administrator is an active user, so for them the country is always fixed already.
          if (before.countryFixed) throw countryFixedError(before.country);
        }
        let restrictedDomains = before.restrictedDomains;
        if (change.restrictedDomains) {
          const r = normalizeRestrictedDomains(change.restrictedDomains, before.domains);
          if (r.notOwned.length > 0) {
            throw invalid('DOMAIN_NOT_OWNED', `Not a domain of the organization: ${r.notOwned.join(', ')}.`, {
              domains: r.notOwned,
              organizationDomains: before.domains,
            });
          }
          restrictedDomains = r.domains;
        }
        const next = {
          selfSignUp: change.selfSignUp ?? before.selfSignUp,
          restrictedDomains,
          directoryRequired: change.directoryRequired ?? before.directoryRequired,
          requireSecondFactor: change.requireSecondFactor ?? before.requireSecondFactor,
        };
        const country = change.country ?? before.country;
        const was = { ...signUpSettings(before), country: before.country };
        const now = { ...next, country };
        if (JSON.stringify(was) === JSON.stringify(now)) return before;
        await tx.update(organization).set(now).where(eq(organization.id, before.id));
        await audit(tx, actor, {
          action: 'organization.settings',
          targetType: 'organization',
          targetId: before.id,
          before: was,
          after: now,
        });
        return { ...before, ...now };
      });
    },

    /** R-ID-7: the publisher's staff correct a fixed country; the organization's own administrators cannot. */
    async correctCountry(actor: Actor, organizationId: string, input: { country: string; reason?: string }): Promise<OrganizationSettings> {
      return db.transaction(async (tx) => {
        const before = await load(tx, organizationId, true);
        if (!before) throw notFound('organization');
        if (before.country === input.country) return before;
        await tx.update(organization).set({ country: input.country }).where(eq(organization.id, organizationId));
        await audit(tx, actor, {
          action: 'organization.country',
          targetType: 'organization',
          targetId: organizationId,
          organizationId,
          before: { country: before.country },
          after: { country: input.country, by: 'operator', reason: input.reason ?? null },
        });
        return { ...before, country: input.country };
      });
    },
  };
}

export type OrganizationSettingsService = ReturnType<typeof createOrganizationSettingsService>;
