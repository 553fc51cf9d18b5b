import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../platform/mail/templates.js';
import { uuids } from './grants.js';
import { type ChangedLicensingId, describeChanges } from './mail-changes.js';
import { type Holding, NO_HOLDING } from './rules.js';

/** Where a user reviews their own roles in the portal. */
export const myPermissionsUrl = (config: Config) => `${config.publicUrl}/permissions`;

export interface LicensingIdLabel {
  number: string;
  name: string;
}

export async function licensingIdLabels(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, LicensingIdLabel>> {
  const res = await tx.execute<{ id: string; number: string; name: string }>(
    sql`select id, number, name from licensing_id where id = any(${uuids(ids)})`,
  );
  return new Map(res.rows.map((r) => [r.id, { number: r.number, name: r.name }]));
}

/** Holdings before and after, per Licensing ID: the shape of audit rows and of the lines of a mail. */
export type HoldingsByLicensingId = Record<string, Holding>;

/**
 * Mails the user whose roles changed: what changed on each Licensing ID, in their language, and who
 * changed it. Written in the caller's transaction, so it goes out only if the change commits.
 */
export async function mailRoleChange(
  tx: DbOrTx,
  m: {
    config: Config;
    actor: Actor;
    userId: string;
    template: MailTemplate;
    before: HoldingsByLicensingId;
    after: HoldingsByLicensingId;
    params?: MailParams;
  },
): Promise<void> {
  const res = await tx.execute<{ email: string; first_name: string; locale: Locale; actor_name: string }>(sql`
    select u.email, u.first_name, u.locale,
      (select coalesce(nullif(trim(a.first_name || ' ' || a.last_name), ''), a.email) from "user" a where a.id = ${m.actor.userId}) as actor_name
    from "user" u where u.id = ${m.userId}`);
  const to = res.rows[0];
  if (!to) return;
  const ids = [...new Set([...Object.keys(m.before), ...Object.keys(m.after)])];
  const labels = await licensingIdLabels(tx, ids);
  const changes: ChangedLicensingId[] = ids
    .map((id) => ({
      ...(labels.get(id) ?? { number: id, name: '' }),
      before: m.before[id] ?? NO_HOLDING,
      after: m.after[id] ?? NO_HOLDING,
    }))
    .sort((a, b) => a.number.localeCompare(b.number));
  await enqueueMail(tx, {
    to: to.email,
    locale: to.locale,
    template: m.template,
    params: {
      firstName: to.first_name || to.email,
      actorName: to.actor_name ?? '',
      changes: describeChanges(to.locale, changes),
      url: myPermissionsUrl(m.config),
      ...m.params,
    },
  });
}
