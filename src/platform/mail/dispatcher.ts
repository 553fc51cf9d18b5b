import { sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/client.js';
import { startPolling } from '../polling.js';

export interface MailSender {
  send(mail: { from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
}

export function smtpSender(transport: Transporter): MailSender {
  return { send: async (m) => void (await transport.sendMail(m)) };
}

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 8;

/**
 * Sends what is due. Rows are leased with one atomic UPDATE (SKIP LOCKED), so several app nodes
 * never send the same mail twice, and no transaction is held open during SMTP.
 */
export async function deliverDue(db: Db, sender: MailSender, from: string, batch = 20): Promise<number> {
  const leased = await db.execute<{ id: number; to_address: string; subject: string; text: string; html: string; attempts: number }>(sql`
    update outbox set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
    where id in (
      select id from outbox
      where sent_at is null and attempts < ${MAX_ATTEMPTS} and next_attempt_at <= now()
      order by id limit ${batch} for update skip locked)
    returning id, to_address, subject, text, html, attempts`);
  let sent = 0;
  for (const m of leased.rows) {
    try {
      await sender.send({ from, to: m.to_address, subject: m.subject, text: m.text, html: m.html });
      await db.execute(sql`update outbox set sent_at = now(), last_error = null where id = ${m.id}`);
      sent++;
    } catch (e) {
      // Back off exponentially: 30 s, 1 min, 2 min, … up to MAX_ATTEMPTS.
      const delay = 30 * 2 ** (m.attempts - 1);
      await db.execute(
        sql`update outbox set last_error = ${String(e).slice(0, 500)}, next_attempt_at = now() + make_interval(secs => ${delay}) where id = ${m.id}`,
      );
    }
  }
  return sent;
}

/** Polls the outbox until stopped. */
export function startDispatcher(db: Db, sender: MailSender, from: string, intervalMs = 1000) {
  return startPolling(() => deliverDue(db, sender, from), intervalMs);
}
