import { sql } from 'drizzle-orm';
import type { Actor, BearerCredential } from '../../../platform/auth/actor.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import type { DbOrTx } from '../../../platform/db/client.js';

/** Tells a training provider's credential apart from personal (`lsc_`) and directory (`scim_`) tokens. */
export const PROVIDER_CREDENTIAL_PREFIX = 'tpc_';

/**
 * R-SA-5: a training provider's live credential makes it the actor (via `provider`), which the guard
 * lets redeem vouchers (`training.redeem`) and nothing else. A revoked or unknown one resolves to
 * nobody, so the request is refused 401.
 */
export function providerCredential(db: DbOrTx): BearerCredential {
  return {
    prefix: PROVIDER_CREDENTIAL_PREFIX,
    async resolve(bearer: string, requestId: string): Promise<Actor | null> {
      const res = await db.execute<{ provider_id: string }>(sql`
        select c.provider_id from training_provider_credential c
        where c.token_hash = ${sha256(bearer)} and c.revoked_at is null`);
      const id = res.rows[0]?.provider_id;
      return id ? { userId: id, organizationId: '', email: '', locale: 'en', isOperator: false, via: 'provider', requestId } : null;
    },
  };
}
