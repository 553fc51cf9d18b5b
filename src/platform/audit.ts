import type { Actor } from './auth/actor.js';
import { insertUnnest } from './db/bulk-insert.js';
import type { DbOrTx } from './db/client.js';
import { auditLog } from './tables.js';

/**
 * Every action the audit log records, declared once: audit() takes only these, the audit view's
 * action filter refuses anything else (UNKNOWN_AUDIT_ACTION), and the portal names each in English
 * and Swedish.
 */
export const AUDIT_ACTIONS = [
  'add_open.grant',
  'add_open.switch',
  'auth.password',
  'auth.second-factor',
  'auth.sign-in',
  'auth.sign-out',
  'auth.sso-refused',
  'benefit-delegation.approve',
  'benefit-delegation.deny',
  'benefit-delegation.remove',
  'benefit-delegation.request',
  'benefit-delegation.withdraw',
  'business-center.account-profile',
  'business-center.anniversary-month',
  'business-center.account.create',
  'business-center.account.licensing-ids',
  'business-center.account.update',
  'business-center.user.add',
  'business-center.user.revoke',
  'business-center.user.set-roles',
  'catalog.family.create',
  'catalog.product.create',
  'custom-report.create',
  'custom-report.delete',
  'custom-report.update',
  'demo.seed',
  'directory.user.create',
  'directory.user.delete',
  'directory.user.patch',
  'directory.user.replace',
  'directory.user.reprovision',
  'downloads.file.delete',
  'downloads.file.upload',
  'downloads.info.update',
  'downloads.settings.update',
  'exports.delete',
  'exports.download',
  'exports.request',
  'invitation.resend',
  'keys.issue',
  'keys.request',
  'keys.request.decide',
  'online-service-price.set',
  'online-services.activation-mail',
  'online-services.activation-scheduled',
  'online-services.add-on',
  'online-services.auto-provision',
  'online-services.confirm',
  'online-services.deprovision',
  'online-services.domain-add',
  'online-services.domain-remove',
  'online-services.domain-verify',
  'online-services.link',
  'online-services.renewal',
  'online-services.subscription-contact',
  'order.ingest',
  'organization.country',
  'organization.settings',
  'partner-change.accept',
  'partner-change.cancel',
  'partner-change.complete',
  'partner-change.decline',
  'partner-change.expire',
  'partner-change.start',
  'partner.assign',
  'partner.register',
  'partner.user-invite',
  'permission-request.create',
  'permission-request.decide',
  'permissions.contact-administrators',
  'permissions.inheritance-choice',
  'permissions.inheritance-sync',
  'permissions.leave',
  'provisioning.redeliver',
  'relationship.agreement-onboard',
  'relationship.contact-change',
  'relationship.enrollment-renew',
  'relationship.licensing-id-expire',
  'relationship.ownership-change',
  'reseller.deny',
  'reseller.grant',
  'reservation.cancel',
  'reservation.offer.set',
  'reservation.price-lock.add',
  'reservation.price-lock.remove',
  'reservation.submit',
  'sa.benefit-user.add',
  'sa.benefit-user.delete',
  'sa.benefit-user.edit',
  'sa.benefit-user.resend',
  'sa.benefit.activate',
  'sa.benefit.hold',
  'sa.benefit.release',
  'sa.elearning.domain.add',
  'sa.elearning.domain.remove',
  'sa.elearning.participant.remove',
  'sa.elearning.redeem',
  'sa.rules.replace',
  'sa.voucher.assign',
  'sa.voucher.cancel',
  'sa.voucher.redeem',
  'sales-package.edit',
  'sales-package.prepare',
  'sales-package.send',
  'sales-package.sign',
  'sales-package.upload',
  'sales-package.withdraw',
  'scim-token.create',
  'scim-token.revoke',
  'second-factor.passkey.add',
  'second-factor.passkey.remove',
  'second-factor.passkey.rename',
  'second-factor.recovery-codes.regenerate',
  'second-factor.totp.add',
  'second-factor.totp.remove',
  'self-provisioning.cancel',
  'self-provisioning.ordered',
  'self-provisioning.request',
  'sso.settings.remove',
  'sso.settings.save',
  'subscriptions.assign',
  'subscriptions.reassign',
  'subscriptions.remove',
  'support.request.answer',
  'support.request.close',
  'support.request.reply',
  'support.request.submit',
  'token.create',
  'token.revoke',
  'training-provider.credential.issue',
  'training-provider.credential.revoke',
  'training-provider.register',
  'user.directory-names',
  'user.directory-removed',
  'user.directory-restored',
  'user.locale',
  'user.password-change',
  'user.password-reset',
  'user.password-reset.request',
  'user.password-reset.sso-hint',
  'user.profile',
  'user.register',
  'user.sign-up',
  'user.sign-up-existing',
  'user.sso-sign-up',
  'user.verify-email',
  'user.verify-email.resend',
  'users.add',
  'users.correct-name',
  'users.deactivate',
  'users.deactivation-lift',
  'users.reactivate',
  'users.remove-licensing-id',
  'users.send-password-reset',
  'users.set-roles',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  organizationId?: string | null;
  /**
   * The Licensing IDs the change concerns, so that their Administrators read it in the audit view;
   * a target of type `licensing_id` is one without being named here. None: an organization-level
   * (or personal) entry.
   */
  licensingIds?: readonly string[];
  before?: unknown;
  after?: unknown;
}

const concernedLicensingIds = (e: AuditEntry): string[] => [
  ...new Set([...(e.licensingIds ?? []), ...(e.targetType === 'licensing_id' && e.targetId ? [e.targetId] : [])]),
];

/** Written by services inside the use-case's transaction, so a change and its record land together. */
export async function audit(tx: DbOrTx, actor: Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null, e: AuditEntry) {
  await tx.insert(auditLog).values({
    actorUserId: actor?.userId ?? null,
    organizationId: e.organizationId ?? actor?.organizationId ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    licensingIds: concernedLicensingIds(e),
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: actor?.requestId ?? null,
  });
}

/** Many entries by one actor at once (an import), in a few statements; as audit otherwise. */
export async function auditMany(
  tx: DbOrTx,
  actor: Pick<Actor, 'userId' | 'organizationId' | 'requestId'> | null,
  entries: readonly AuditEntry[],
) {
  const rows = entries.map((e) => ({
    actor_user_id: actor?.userId ?? null,
    organization_id: e.organizationId ?? actor?.organizationId ?? null,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId ?? null,
    // An array literal: the rows travel as text (COPY or unnest) and are cast to uuid[]; ids need no quoting.
    licensing_ids: `{${concernedLicensingIds(e).join(',')}}`,
    before: e.before ?? null,
    after: e.after ?? null,
    request_id: actor?.requestId ?? null,
  }));
  const columns = {
    actor_user_id: 'uuid',
    organization_id: 'uuid',
    action: 'text',
    target_type: 'text',
    target_id: 'text',
    licensing_ids: 'uuid[]',
    before: 'jsonb',
    after: 'jsonb',
    request_id: 'text',
  };
  for (let i = 0; i < rows.length; i += 5000) await insertUnnest(tx, 'audit_log', columns, rows.slice(i, i + 5000));
}
