import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { BlobStore } from '../../platform/storage/blob-store.js';
import { organization, user } from '../identity/tables.js';
import { attachmentParagraph, createAttachmentIntake } from './attachments.js';
import { createSupportLists } from './lists.js';
import { mailDate, quoted } from './mail-format.js';
import { SUPPORT_WORDS, supportMails, TOPIC_LABELS } from './mails.js';
import { createRequestReader, type RequestScope, requester, scopeWhere } from './read.js';
import { answerDueAt, referenceOf, statusAfterReply } from './rules.js';
import type { Reply, SupportPageQuery, SupportQueueFilter } from './schemas.js';
import { createSupportSubmission } from './submit.js';
import { supportAttachment, supportMessage, supportRequest } from './tables.js';

export type { RequestScope } from './read.js';

/** R-SUP-1 / R-SUP-2: the contact form, the requester's list and conversation, and the publisher's queue. */
export function createSupportService({ db, config, clock }: ModuleDeps, blobs: BlobStore) {
  const hours = config.SUPPORT_ANSWER_HOURS;
  const portal = (path: string) => `${config.publicUrl}${path}`;
  const { view, detail } = createRequestReader({ clock, hours });
  const lists = createSupportLists({ clock, hours, view });
  const submission = createSupportSubmission({ db, config, clock }, blobs);
  const intake = createAttachmentIntake(config, blobs);

  const personOf = async (tx: DbOrTx, userId: string) => {
    const [p] = await tx
      .select({ email: user.email, firstName: user.firstName, lastName: user.lastName, locale: user.locale })
      .from(user)
      .where(eq(user.id, userId));
    if (!p) throw notFound('user');
    return p;
  };

  /** Mails the requester about a publisher's change, in the requester's language. */
  async function mailRequester(
    tx: DbOrTx,
    requestId: string,
    template: (typeof supportMails)[keyof typeof supportMails],
    params: (locale: Locale) => Record<string, string | number>,
  ) {
    const [r] = await tx
      .select({ email: requester.email, firstName: requester.firstName, locale: requester.locale })
      .from(supportRequest)
      .innerJoin(requester, eq(requester.id, supportRequest.requestedBy))
      .where(eq(supportRequest.id, requestId));
    if (!r) return;
    await enqueueMail(tx, {
      to: r.email,
      locale: r.locale,
      template,
      params: { firstName: r.firstName, url: portal(`/support/requests/${requestId}`), ...params(r.locale) },
    });
  }

  /**
   * Moves an open request to its next status in one statement (closed ones stay closed, and two
   * answers at once both land as messages without losing either). Null when it is closed or not in scope.
   */
  async function transition(tx: DbOrTx, id: string, scope: RequestScope, set: PgUpdateSetSource<typeof supportRequest>) {
    const [row] = await tx
      .update(supportRequest)
      .set({ ...set, updatedAt: clock.now() })
      .where(and(eq(supportRequest.id, id), ne(supportRequest.status, 'CLOSED'), scopeWhere(scope)))
      .returning({
        id: supportRequest.id,
        organizationId: supportRequest.organizationId,
        subject: supportRequest.subject,
        topic: supportRequest.topic,
        status: supportRequest.status,
        awaitingSince: supportRequest.awaitingSince,
      });
    if (row) return row;
    const [exists] = await tx
      .select({ id: supportRequest.id })
      .from(supportRequest)
      .where(and(eq(supportRequest.id, id), scopeWhere(scope)));
    if (!exists) throw notFound('support request');
    throw conflict('SUPPORT_REQUEST_CLOSED', 'This support request is closed.');
  }

  /** A reply's message row; its id names the reply's files. */
  async function writeMessage(tx: DbOrTx, row: typeof supportMessage.$inferInsert): Promise<string> {
    const [message] = await tx.insert(supportMessage).values(row).returning({ id: supportMessage.id });
    if (!message) throw new Error('support: message insert returned nothing');
    return message.id;
  }

  return {
    submit: submission.submit,

    /** The requester's own requests, newest first, a page at a time. */
    mine: (actor: Actor, page: SupportPageQuery) => lists.mine(db, actor, page),

    detail: (id: string, scope: RequestScope) => detail(db, id, scope),

    /** R-SUP-1: the publisher's queue, a page at a time (see createSupportLists). */
    queue: (filter: SupportQueueFilter) => lists.queue(db, filter),

    /** The requester writes again: the publisher owes an answer (within 24 hours of the oldest unanswered message). */
    async replyAsRequester(actor: Actor, id: string, reply: Reply) {
      const scope: RequestScope = { kind: 'requester', actor };
      const { body } = reply;
      const files = intake.check(reply.attachments);
      return intake.withStored(files, (stored) =>
        db.transaction(async (tx) => {
          const now = clock.now();
          const moved = await transition(tx, id, scope, {
            status: statusAfterReply('REQUESTER'),
            awaitingSince: sql`coalesce(${supportRequest.awaitingSince}, ${now.toISOString()}::timestamptz)`,
          });
          const message = await writeMessage(tx, { requestId: id, author: 'REQUESTER', authorUserId: actor.userId, body, createdAt: now });
          const attachments = await intake.record(tx, { requestId: id, messageId: message, now }, files, stored);
          await audit(tx, actor, {
            action: 'support.request.reply',
            targetType: 'support_request',
            targetId: id,
            after: { messageId: message, author: 'REQUESTER', status: moved.status, body, attachments },
          });
          const me = await personOf(tx, actor.userId);
          const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, moved.organizationId));
          const l = config.SUPPORT_MAIL_LOCALE;
          await enqueueMail(tx, {
            to: config.SUPPORT_MAIL,
            locale: l,
            template: supportMails.supportQueueCustomerReply,
            params: {
              reference: referenceOf(id),
              subject: moved.subject,
              organization: org?.name ?? '',
              requester: me.email,
              dueAt: mailDate(answerDueAt(moved.status, moved.awaitingSince, hours) ?? now, l),
              message: quoted(body),
              attachments: attachmentParagraph(files, l),
              url: portal(`/support/queue/${id}`),
            },
          });
          return detail(tx, id, scope);
        }),
      );
    },

    /** R-SUP-1: the publisher answers; the answer is mailed to the requester in their language with a link. */
    async replyAsPublisher(actor: Actor, id: string, reply: Reply & { waitForCustomer: boolean }) {
      const scope: RequestScope = { kind: 'publisher' };
      const { body, waitForCustomer } = reply;
      const files = intake.check(reply.attachments);
      return intake.withStored(files, (stored) =>
        db.transaction(async (tx) => {
          const now = clock.now();
          const moved = await transition(tx, id, scope, { status: statusAfterReply('PUBLISHER', waitForCustomer), awaitingSince: null });
          const message = await writeMessage(tx, { requestId: id, author: 'PUBLISHER', authorUserId: actor.userId, body, createdAt: now });
          const attachments = await intake.record(tx, { requestId: id, messageId: message, now }, files, stored);
          await audit(tx, actor, {
            action: 'support.request.answer',
            targetType: 'support_request',
            targetId: id,
            organizationId: moved.organizationId,
            after: { messageId: message, author: 'PUBLISHER', status: moved.status, body, attachments },
          });
          await mailRequester(tx, id, supportMails.supportRequestAnswered, (locale) => ({
            reference: referenceOf(id),
            subject: moved.subject,
            topic: TOPIC_LABELS[moved.topic][locale],
            message: quoted(body),
            attachments: attachmentParagraph(files, locale),
            next: (waitForCustomer ? SUPPORT_WORDS.waitingForYou : SUPPORT_WORDS.replyIfNeeded)[locale],
          }));
          return detail(tx, id, scope);
        }),
      );
    },

    /** Closes an open request (the requester's own, or any for the publisher); the other side is mailed. */
    async close(actor: Actor, id: string, scope: RequestScope) {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const before = await tx.select({ status: supportRequest.status }).from(supportRequest).where(eq(supportRequest.id, id));
        const moved = await transition(tx, id, scope, { status: 'CLOSED', closedAt: now, closedBy: actor.userId, awaitingSince: null });
        await audit(tx, actor, {
          action: 'support.request.close',
          targetType: 'support_request',
          targetId: id,
          organizationId: moved.organizationId,
          before: { status: before[0]?.status },
          after: { status: 'CLOSED', by: scope.kind },
        });
        if (scope.kind === 'publisher') {
          await mailRequester(tx, id, supportMails.supportRequestClosed, (locale) => ({
            reference: referenceOf(id),
            subject: moved.subject,
            closedBy: SUPPORT_WORDS.support[locale],
          }));
        } else {
          const me = await personOf(tx, actor.userId);
          const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, moved.organizationId));
          await enqueueMail(tx, {
            to: config.SUPPORT_MAIL,
            locale: config.SUPPORT_MAIL_LOCALE,
            template: supportMails.supportQueueClosedByRequester,
            params: {
              reference: referenceOf(id),
              subject: moved.subject,
              organization: org?.name ?? '',
              requester: me.email,
              url: portal(`/support/queue/${id}`),
            },
          });
        }
        return detail(tx, id, scope);
      });
    },

    /** An attachment's bytes, only within the scope that may see its request (404 otherwise). */
    async attachment(id: string, attachmentId: string, scope: RequestScope) {
      const [row] = await db
        .select({
          name: supportAttachment.fileName,
          mediaType: supportAttachment.mediaType,
          size: supportAttachment.size,
          key: supportAttachment.blobKey,
        })
        .from(supportAttachment)
        .innerJoin(supportRequest, eq(supportRequest.id, supportAttachment.requestId))
        .where(and(eq(supportAttachment.id, attachmentId), eq(supportAttachment.requestId, id), scopeWhere(scope)));
      if (!row) throw notFound('attachment');
      return { ...row, content: await blobs.get(row.key) };
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
