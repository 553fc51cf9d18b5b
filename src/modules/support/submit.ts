import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleTo } from '../../platform/authz/scope.js';
import { invalid, notFound } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { attachmentNames, createAttachmentIntake } from './attachments.js';
import { fill, mailDate, quoted } from './mail-format.js';
import { SUPPORT_WORDS, supportMails, TOPIC_LABELS } from './mails.js';
import { answerDueAt, imagingProblem, referenceOf } from './rules.js';
import type { NewSupportRequest } from './schemas.js';
import { supportRequest } from './tables.js';

/** R-SUP-1 / R-SUP-2: the contact form's submission. */
export function createSupportSubmission({ db, config, clock }: Pick<ModuleDeps, 'db' | 'config' | 'clock'>, blobs: BlobStore) {
  const hours = config.SUPPORT_ANSWER_HOURS;
  const portal = (path: string) => `${config.publicUrl}${path}`;
  const intake = createAttachmentIntake(config, blobs);

  return {
    /**
     * R-SUP-1: checks the form (R-SUP-2: an imaging request's verification; the Licensing ID is one
     * the requester sees; the attachments), stores the attachments, then writes the request, its
     * audit row and two mails in one transaction: the acknowledgement with the 24-hour promise to
     * the requester, the new request to the publisher's support address.
     */
    async submit(actor: Actor, input: NewSupportRequest) {
      const imaging = imagingProblem(input.topic, input.imagingVerification);
      if (imaging === 'SUPPORT_IMAGING_VERIFICATION_REQUIRED')
        throw invalid(
          imaging,
          'A Windows upgrade imaging request needs the written verification that each machine has a qualifying base license, and the machines’ count.',
        );
      if (imaging) throw invalid(imaging, 'A base-license verification belongs only to a Windows upgrade imaging request.');
      let licensingNumber: string | null = null;
      if (input.licensingId) {
        const [visible] = await db
          .select({ number: licensingId.number })
          .from(licensingId)
          .where(and(eq(licensingId.id, input.licensingId), visibleTo(actor, 'licensing.view', licensingId.id)));
        if (!visible) throw invalid('SUPPORT_LICENSING_ID_UNKNOWN', 'The Licensing ID is not one you can see.');
        licensingNumber = visible.number;
      }
      const files = intake.check(input.attachments);
      // Who sends it, read once before the transaction: the mails and the answer name them.
      const [me] = await db
        .select({ email: user.email, firstName: user.firstName, locale: user.locale, organization: organization.name })
        .from(user)
        .innerJoin(organization, eq(organization.id, user.organizationId))
        .where(eq(user.id, actor.userId));
      if (!me) throw notFound('user');
      return intake.withStored(files, (stored) =>
        db.transaction(async (tx) => {
          const now = clock.now();
          const verified = input.imagingVerification;
          const [row] = await tx
            .insert(supportRequest)
            .values({
              organizationId: actor.organizationId,
              requestedBy: actor.userId,
              licensingId: input.licensingId,
              topic: input.topic,
              subject: input.subject,
              description: input.description,
              status: 'NEW',
              submittedAt: now,
              awaitingSince: now,
              updatedAt: now,
              ...(verified ? { imagingVerifiedBy: actor.userId, imagingVerifiedAt: now, imagingMachines: verified.machines } : {}),
            })
            .returning({ id: supportRequest.id });
          if (!row) throw new Error('insert returned nothing');
          const attachments = await intake.record(tx, { requestId: row.id, messageId: null, now }, files, stored);
          const imagingVerification = verified ? { verifiedBy: me.email, verifiedAt: now, machines: verified.machines } : null;
          await audit(tx, actor, {
            action: 'support.request.submit',
            targetType: 'support_request',
            targetId: row.id,
            // The Licensing ID's Administrators read that it was asked about in their audit view.
            licensingIds: input.licensingId ? [input.licensingId] : [],
            after: {
              topic: input.topic,
              licensingId: input.licensingId,
              subject: input.subject,
              description: input.description,
              attachments,
              ...(verified ? { imagingVerification: { verifiedBy: actor.userId, verifiedAt: now, machines: verified.machines } } : {}),
            },
          });
          const due = answerDueAt('NEW', now, hours) ?? now;
          const reference = referenceOf(row.id);
          await enqueueMail(tx, {
            to: me.email,
            locale: me.locale,
            template: supportMails.supportRequestReceived,
            params: {
              firstName: me.firstName,
              reference,
              subject: input.subject,
              topic: TOPIC_LABELS[input.topic][me.locale],
              licensingId: licensingNumber ?? SUPPORT_WORDS.noLicensingId[me.locale],
              submittedAt: mailDate(now, me.locale),
              hours,
              dueAt: mailDate(due, me.locale),
              url: portal(`/support/requests/${row.id}`),
            },
          });
          const l = config.SUPPORT_MAIL_LOCALE;
          await enqueueMail(tx, {
            to: config.SUPPORT_MAIL,
            locale: l,
            template: supportMails.supportQueueNewRequest,
            params: {
              reference,
              subject: input.subject,
              organization: me.organization,
              requester: me.email,
              topic: TOPIC_LABELS[input.topic][l],
              licensingId: licensingNumber ?? SUPPORT_WORDS.noLicensingId[l],
              dueAt: mailDate(due, l),
              description: quoted(input.description),
              imaging: verified
                ? fill(SUPPORT_WORDS.imaging[l], { name: me.email, at: mailDate(now, l), machines: verified.machines })
                : '',
              attachments: attachmentNames(files, l),
              url: portal(`/support/queue/${row.id}`),
            },
          });
          // The answer is what was just written: no need to read it back.
          return {
            id: row.id,
            reference,
            topic: input.topic,
            subject: input.subject,
            status: 'NEW' as const,
            licensingId: input.licensingId,
            licensingIdNumber: licensingNumber,
            organization: me.organization,
            requestedBy: me.email,
            submittedAt: now,
            updatedAt: now,
            answerDueAt: due,
            overdue: false,
            description: input.description,
            closedAt: null,
            imagingVerification,
            attachments: attachments.map(({ sha256: _s, ...a }) => a),
            messages: [],
          };
        }),
      );
    },
  };
}
