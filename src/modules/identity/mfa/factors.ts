import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { FactorState } from './rules.js';

/** What the user has set up: a confirmed authenticator app, passkeys, recovery codes left. */
export async function factorState(db: DbOrTx, userId: string): Promise<FactorState> {
  const res = await db.execute<{ totp: boolean; passkeys: number; recovery: number }>(sql`
    select exists (select 1 from totp_factor where user_id = ${userId} and confirmed_at is not null) as totp,
      (select count(*)::int from passkey where user_id = ${userId}) as passkeys,
      (select count(*)::int from recovery_code where user_id = ${userId} and used_at is null) as recovery`);
  const r = res.rows[0];
  return { totp: Boolean(r?.totp), passkeys: Number(r?.passkeys ?? 0), recoveryCodesLeft: Number(r?.recovery ?? 0) };
}

/** Whether the user's organization requires a second factor of its password users. */
export async function organizationRequiresSecondFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const res = await db.execute<{ required: boolean }>(sql`
    select o.require_second_factor as required from "user" u join organization o on o.id = u.organization_id where u.id = ${userId}`);
  return Boolean(res.rows[0]?.required);
}
