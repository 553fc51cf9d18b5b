import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import { insertUnnest } from '../../../platform/db/bulk-insert.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail, enqueueMails } from '../../../platform/mail/outbox.js';
import type { MailParams, MailTemplate } from '../../../platform/mail/templates.js';
import { identityMails } from '../mails.js';
import { invitation, organization, user } from '../tables.js';

export interface InvitationInput {
  userId: string;
  invitedBy: string | null;
  /**
   * Another mail than the invitation, carrying the same registration link (a contact of record's
   * welcome, R-REL-6): its template and the parameters it adds to the invitation's.
   */
  mail?: { template: MailTemplate; params: MailParams };
}

/**
 * Issues an invitation (R-ID-2) to a user who has not registered yet and mails its link, in the
 * caller's transaction. Re-sending issues a fresh link and retires the old one.
 */
export async function sendInvitation(tx: DbOrTx, config: Config, now: Date, input: InvitationInput) {
  const [invitee] = await tx
    .select({
      email: user.email,
      firstName: user.firstName,
      locale: user.locale,
      organizationId: user.organizationId,
      org: organization.name,
    })
    .from(user)
    .innerJoin(organization, eq(organization.id, user.organizationId))
    .where(eq(user.id, input.userId));
  if (!invitee) throw new Error(`sendInvitation: no user ${input.userId}`);
  const [inviter] = input.invitedBy
    ? await tx.select({ first: user.firstName, last: user.lastName, email: user.email }).from(user).where(eq(user.id, input.invitedBy))
    : [];
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + config.INVITATION_TTL_DAYS * 86_400_000);
  const previous = await tx.execute<{ id: string; n: number }>(sql`
    update invitation set revoked_at = ${now.toISOString()} where user_id = ${input.userId} and accepted_at is null and revoked_at is null
    returning id, sent_count as n`);
  const sentCount = (previous.rows[0]?.n ?? 0) + 1;
  const [row] = await tx
    .insert(invitation)
    .values({
      organizationId: invitee.organizationId,
      userId: input.userId,
      email: invitee.email,
      tokenHash: sha256(token),
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt,
      sentCount,
    })
    .returning({ id: invitation.id });
  await enqueueMail(tx, {
    to: invitee.email,
    locale: invitee.locale as Locale,
    template: input.mail?.template ?? identityMails.invitation,
    params: {
      ...input.mail?.params,
      firstName: invitee.firstName || invitee.email,
      inviterName: inviter ? `${inviter.first} ${inviter.last}`.trim() || inviter.email : invitee.org,
      organization: invitee.org,
      email: invitee.email,
      expiresAt: expiresAt.toISOString().slice(0, 10),
      url: `${config.publicUrl}/register?token=${token}`,
    },
  });
  // The retired link is named so that a re-send's audit row says what it replaced.
  return { id: row?.id ?? '', token, expiresAt, replacedId: previous.rows[0]?.id ?? null };
}

/**
 * Invitations for many users who have not registered yet (an import's contacts of record), each
 * with its own mail: as sendInvitation, in a few statements. The users are new: there is no
 * earlier link to retire.
 */
export async function sendInvitations(
  tx: DbOrTx,
  config: Config,
  now: Date,
  invitees: readonly {
    userId: string;
    organizationId: string;
    organization: string;
    email: string;
    firstName: string;
    locale: Locale;
    mail: { template: MailTemplate; params: MailParams };
  }[],
): Promise<void> {
  const expiresAt = new Date(now.getTime() + config.INVITATION_TTL_DAYS * 86_400_000);
  const expires = expiresAt.toISOString().slice(0, 10);
  const tokens = invitees.map(() => randomToken());
  const rows = invitees.map((p, i) => ({
    organization_id: p.organizationId,
    user_id: p.userId,
    email: p.email,
    token_hash: sha256(tokens[i] ?? ''),
    created_at: now,
    expires_at: expiresAt,
  }));
  const columns = {
    organization_id: 'uuid',
    user_id: 'uuid',
    email: 'text',
    token_hash: 'text',
    created_at: 'timestamptz',
    expires_at: 'timestamptz',
  };
  for (let i = 0; i < rows.length; i += 5000) await insertUnnest(tx, 'invitation', columns, rows.slice(i, i + 5000));
  await enqueueMails(
    tx,
    invitees.map((p, i) => ({
      to: p.email,
      locale: p.locale,
      template: p.mail.template,
      params: {
        ...p.mail.params,
        firstName: p.firstName || p.email,
        inviterName: p.organization,
        organization: p.organization,
        email: p.email,
        expiresAt: expires,
        url: `${config.publicUrl}/register?token=${tokens[i]}`,
      },
    })),
  );
}
