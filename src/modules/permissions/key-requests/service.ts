import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/authz/authorize.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { DomainError, notFound } from '../../../platform/errors.js';
import { type KeyRequestInput, type KeyRequestTarget, keyRequestRefusal } from './rules.js';

/**
 * R-PERM-13 for the keys capability, before it queues a key request: the actor holds the
 * Administrator or Product Keys role on the Licensing ID (404 when it is not theirs to know, 403
 * without the role), and the form names that Licensing ID. Throws; returns the Licensing ID checked.
 */
export async function checkKeyRequest(db: DbOrTx, actor: Actor, input: KeyRequestInput): Promise<KeyRequestTarget> {
  await authorize(db, actor, 'keys.request', { licensingId: input.licensingId });
  const res = await db.execute<{
    program_code: string;
    number: string;
    authorization_number: string | null;
    parent_number: string | null;
  }>(sql`
    select l.program_code, l.number, l.authorization_number, a.number as parent_number
    from licensing_id l left join agreement a on a.id = l.parent_agreement_id
    where l.id = ${input.licensingId}`);
  const row = res.rows[0];
  if (!row) throw notFound('Licensing ID');
  const target: KeyRequestTarget = {
    programCode: row.program_code,
    number: row.number,
    authorizationNumber: row.authorization_number,
    parentAgreementNumber: row.parent_number,
  };
  switch (keyRequestRefusal(input, target)) {
    case 'KEY_REQUEST_NUMBER_MISMATCH':
      throw new DomainError(
        'KEY_REQUEST_NUMBER_MISMATCH',
        400,
        'The agreement, license or authorization number does not match the Licensing ID.',
      );
    case 'KMS_EXCEPTION_OPEN_ONLY':
      throw new DomainError(
        'KMS_EXCEPTION_OPEN_ONLY',
        400,
        'A KMS key by exception is only for Open programs; request more KMS hosts instead.',
      );
  }
  return target;
}
