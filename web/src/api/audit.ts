import { infiniteQueryOptions } from '@tanstack/react-query';
import { answer, api, href, type Schemas } from './client';

/** The audit view (issue 12): an Administrator's trail of their Licensing IDs, and the publisher's of every organization. */

export type AuditEntry = Schemas['AuditEntry'];
export type AuditAction = Schemas['AuditAction'];

/**
 * Every action, for the action filter. A Record over the generated AuditAction union: a new action
 * on the server fails `tsc -p web` here until it is listed (and the i18n test until it is named).
 */
const ACTIONS: Record<AuditAction, true> = {
  'add_open.grant': true,
  'add_open.switch': true,
  'auth.password': true,
  'auth.second-factor': true,
  'auth.sign-in': true,
  'auth.sign-out': true,
  'auth.sso-refused': true,
  'benefit-delegation.approve': true,
  'benefit-delegation.deny': true,
  'benefit-delegation.remove': true,
  'benefit-delegation.request': true,
  'benefit-delegation.withdraw': true,
  'business-center.account-profile': true,
  'business-center.anniversary-month': true,
  'business-center.account.create': true,
  'business-center.account.licensing-ids': true,
  'business-center.account.update': true,
  'business-center.user.add': true,
  'business-center.user.revoke': true,
  'business-center.user.set-roles': true,
  'catalog.family.create': true,
  'catalog.product.create': true,
  'custom-report.create': true,
  'custom-report.delete': true,
  'custom-report.update': true,
  'demo.seed': true,
  'directory.user.create': true,
  'directory.user.delete': true,
  'directory.user.patch': true,
  'directory.user.replace': true,
  'directory.user.reprovision': true,
  'downloads.file.delete': true,
  'downloads.file.upload': true,
  'downloads.info.update': true,
  'downloads.settings.update': true,
  'exports.delete': true,
  'exports.download': true,
  'exports.request': true,
  'invitation.resend': true,
  'keys.issue': true,
  'keys.request': true,
  'keys.request.decide': true,
  'online-services.activation-mail': true,
  'online-services.activation-scheduled': true,
  'online-services.add-on': true,
  'online-services.auto-provision': true,
  'online-services.confirm': true,
  'online-services.deprovision': true,
  'online-services.domain-add': true,
  'online-services.domain-remove': true,
  'online-services.domain-verify': true,
  'online-services.link': true,
  'online-services.renewal': true,
  'online-services.subscription-contact': true,
  'online-service-price.set': true,
  'order.ingest': true,
  'organization.country': true,
  'organization.settings': true,
  'partner-change.accept': true,
  'partner-change.cancel': true,
  'partner-change.complete': true,
  'partner-change.decline': true,
  'partner-change.expire': true,
  'partner-change.start': true,
  'partner.assign': true,
  'partner.register': true,
  'partner.user-invite': true,
  'permission-request.create': true,
  'permission-request.decide': true,
  'permissions.contact-administrators': true,
  'permissions.inheritance-choice': true,
  'permissions.inheritance-sync': true,
  'permissions.leave': true,
  'provisioning.redeliver': true,
  'relationship.agreement-onboard': true,
  'relationship.contact-change': true,
  'relationship.enrollment-renew': true,
  'relationship.licensing-id-expire': true,
  'relationship.ownership-change': true,
  'reseller.deny': true,
  'reseller.grant': true,
  'reservation.cancel': true,
  'reservation.offer.set': true,
  'reservation.price-lock.add': true,
  'reservation.price-lock.remove': true,
  'reservation.submit': true,
  'self-provisioning.cancel': true,
  'self-provisioning.ordered': true,
  'self-provisioning.request': true,
  'sa.benefit-user.add': true,
  'sa.benefit-user.delete': true,
  'sa.benefit-user.edit': true,
  'sa.benefit-user.resend': true,
  'sa.benefit.activate': true,
  'sa.benefit.hold': true,
  'sa.benefit.release': true,
  'sa.elearning.domain.add': true,
  'sa.elearning.domain.remove': true,
  'sa.elearning.participant.remove': true,
  'sa.elearning.redeem': true,
  'sa.rules.replace': true,
  'sa.voucher.assign': true,
  'sa.voucher.cancel': true,
  'sa.voucher.redeem': true,
  'sales-package.edit': true,
  'sales-package.prepare': true,
  'sales-package.send': true,
  'sales-package.sign': true,
  'sales-package.upload': true,
  'sales-package.withdraw': true,
  'scim-token.create': true,
  'scim-token.revoke': true,
  'second-factor.passkey.add': true,
  'second-factor.passkey.remove': true,
  'second-factor.passkey.rename': true,
  'second-factor.recovery-codes.regenerate': true,
  'second-factor.totp.add': true,
  'second-factor.totp.remove': true,
  'sso.settings.remove': true,
  'sso.settings.save': true,
  'subscriptions.assign': true,
  'subscriptions.reassign': true,
  'subscriptions.remove': true,
  'support.request.answer': true,
  'support.request.close': true,
  'support.request.reply': true,
  'support.request.submit': true,
  'token.create': true,
  'token.revoke': true,
  'training-provider.credential.issue': true,
  'training-provider.credential.revoke': true,
  'training-provider.register': true,
  'user.directory-names': true,
  'user.directory-removed': true,
  'user.directory-restored': true,
  'user.locale': true,
  'user.password-change': true,
  'user.password-reset': true,
  'user.password-reset.request': true,
  'user.password-reset.sso-hint': true,
  'user.profile': true,
  'user.register': true,
  'user.sign-up': true,
  'user.sign-up-existing': true,
  'user.sso-sign-up': true,
  'user.verify-email': true,
  'user.verify-email.resend': true,
  'users.add': true,
  'users.correct-name': true,
  'users.deactivate': true,
  'users.deactivation-lift': true,
  'users.reactivate': true,
  'users.remove-licensing-id': true,
  'users.send-password-reset': true,
  'users.set-roles': true,
};
export const AUDIT_ACTIONS = Object.keys(ACTIONS) as AuditAction[];

export const AUDIT_PAGE_SIZE = 50;

/** Whose trail: an Administrator's own (GET /audit) or the publisher's of every organization (GET /operator/audit). */
export type AuditTrail = 'administrator' | 'operator';

/** The filters as the page holds them: empty text is no filter. The organization narrows the publisher's trail only. */
export interface AuditFilter {
  person: string;
  licensingId: string;
  action: string;
  from: string;
  to: string;
  organizationId?: string;
}

const queryOf = (f: AuditFilter) => ({
  person: f.person || undefined,
  licensingId: f.licensingId || undefined,
  action: f.action || undefined,
  from: f.from || undefined,
  to: f.to || undefined,
});

const operatorQueryOf = (f: AuditFilter) => ({ ...queryOf(f), organizationId: f.organizationId || undefined });

const pageOf = (filter: AuditFilter, trail: AuditTrail, cursor: string | undefined) =>
  trail === 'operator'
    ? answer(api.GET('/api/v1/operator/audit', { params: { query: { ...operatorQueryOf(filter), limit: AUDIT_PAGE_SIZE, cursor } } }))
    : answer(api.GET('/api/v1/audit', { params: { query: { ...queryOf(filter), limit: AUDIT_PAGE_SIZE, cursor } } }));

export const auditQuery = (filter: AuditFilter, trail: AuditTrail) =>
  infiniteQueryOptions({
    queryKey: ['audit', trail, filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => pageOf(filter, trail, pageParam ?? undefined),
    getNextPageParam: (last) => last.nextCursor,
  });

/** The CSV export's address with the same filters (the browser downloads it with the session cookie). */
export function auditExportHref(filter: AuditFilter, trail: AuditTrail): string {
  const query = new URLSearchParams();
  const values = trail === 'operator' ? operatorQueryOf(filter) : queryOf(filter);
  for (const [k, v] of Object.entries(values)) if (v) query.set(k, v);
  return trail === 'operator' ? href('/api/v1/operator/audit/export', { query }) : href('/api/v1/audit/export', { query });
}
