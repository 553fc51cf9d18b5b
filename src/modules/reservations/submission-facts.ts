import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { executeNamed } from '../../platform/db/named.js';
import { type ReservationAuthorityRow, reservationAllowed, reservationAuthoritySql } from '../permissions/reservation/service.js';
import { type EnrollmentRow, enrollmentSql, type ServiceQueryRow, type ServiceRow, serviceOf, servicesSql } from './offers.js';
import { type AudienceRow, audienceOf, type Recipient, submissionAudienceSql } from './records.js';

/** What a submission must know before it writes: whether the actor may reserve, the enrollment, the service, and who hears of it. */
export interface SubmissionFacts {
  allowed: boolean;
  enrollment: EnrollmentRow | null;
  service: ServiceRow | undefined;
  recipients: Recipient[];
  submitter: string;
}

/**
 * The same four queries, each as its own function writes it, asked in ONE statement (each
 * answer as JSON), prepared once per connection by name: four statements at once took four
 * backends and four round trips' worth of parsing and planning for every submission, on a machine
 * where a submission waits for the database far more than it computes.
 */
export async function submissionFacts(db: DbOrTx, actor: Actor, licensingId: string, productId: string): Promise<SubmissionFacts> {
  const res = await executeNamed<{
    authority: ReservationAuthorityRow | null;
    enrollment: EnrollmentRow | null;
    service: ServiceQueryRow | null;
    audience: AudienceRow[];
  }>(
    db,
    'lsc-reservation-submission-facts',
    sql`
    select
      (select to_jsonb(x) from (${reservationAuthoritySql(actor, licensingId)}) x) as authority,
      (select to_jsonb(x) from (${enrollmentSql(licensingId)}) x) as enrollment,
      (select to_jsonb(x) from (${servicesSql(licensingId, productId)}) x limit 1) as service,
      (select coalesce(jsonb_agg(x), '[]'::jsonb) from (${submissionAudienceSql(licensingId, actor.userId)}) x) as audience`,
  );
  const row = res.rows[0];
  const { recipients, submitter } = audienceOf(row?.audience ?? []);
  return {
    allowed: reservationAllowed(row?.authority),
    enrollment: row?.enrollment ?? null,
    service: row?.service ? serviceOf(row.service) : undefined,
    recipients,
    submitter,
  };
}
