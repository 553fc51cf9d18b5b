import { Readable } from 'node:stream';
import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { BlobStore, StoredBlob } from '../../platform/storage/blob-store.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { SUPPORT_WORDS, supportMails, TOPIC_LABELS } from './mails.js';
import {
  AWAITING_PUBLISHER,
  answerDueAt,
  attachmentProblem,
  imagingProblem,
  isOverdue,
  referenceOf,
  type SupportStatus,
  statusAfterReply,
} from './rules.js';
import type { NewSupportRequest, SupportQueueFilter } from './schemas.js';
import { supportAttachment, supportMessage, supportRequest } from './tables.js';

const requester = aliasedTable(user, 'requester');
const verifier = aliasedTable(user, 'verifier');
const author = aliasedTable(user, 'author');

const summaryColumns = {
  id: supportRequest.id,
  topic: supportRequest.topic,
  subject: supportRequest.subject,
  status: supportRequest.status,
  licensingId: supportRequest.licensingId,
  licensingIdNumber: licensingId.number,
  organizationId: supportRequest.organizationId,
  organization: organization.name,
  requestedById: supportRequest.requestedBy,
  requestedBy: requester.email,
  submittedAt: supportRequest.submittedAt,
  updatedAt: supportRequest.updatedAt,
  awaitingSince: supportRequest.awaitingSince,
};
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summariesOf>['execute']>>[number];

const summariesOf = (tx: DbOrTx) =>
  tx
    .select(summaryColumns)
    .from(supportRequest)
    .innerJoin(organization, eq(organization.id, supportRequest.organizationId))
    .innerJoin(requester, eq(requester.id, supportRequest.requestedBy))
    .leftJoin(licensingId, eq(licensingId.id, supportRequest.licensingId));

/** Who may see a request: its requester (and only within their organization), or the publisher's staff (everything). */
export type RequestScope = { kind: 'requester'; actor: Actor } | { kind: 'publisher' };

const scopeWhere = (scope: RequestScope): SQL | undefined =>
  scope.kind === 'publisher'
    ? undefined
    : and(eq(supportRequest.requestedBy, scope.actor.userId), eq(supportRequest.organizationId, scope.actor.organizationId));

/** Made once: building a formatter costs more than formatting with it. */
const MAIL_DATES: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
};

/** Dates in a mail: the recipient's language, in UTC (the mail says so). */
const mailDate = (d: Date, locale: Locale) => `${MAIL_DATES[locale].format(d)} UTC`;

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/** The support address reads mails in English: the publisher's staff work in one language. */
const PUBLISHER_LOCALE: Locale = 'en';

export interface SubmittedAttachment {
  name: string;
  mediaType: string;
  bytes: Buffer;
}

/** R-SUP-1 / R-SUP-2: the contact form, the requester's list and conversation, and the publisher's queue. */
export function createSupportService({ db, config, clock }: ModuleDeps, blobs: BlobStore) {
  const hours = config.SUPPORT_ANSWER_HOURS;
  const limits = { maxCount: config.SUPPORT_ATTACHMENT_MAX_COUNT, maxBytes: config.SUPPORT_ATTACHMENT_MAX_BYTES };
  const portal = (path: string) => `${config.publicUrl}${path}`;

  const summaries = summariesOf;

  function view(row: SummaryRow, now: Date) {
    const { awaitingSince, organizationId: _o, requestedById: _r, ...rest } = row;
    const due = answerDueAt(row.status, awaitingSince, hours);
    return { ...rest, reference: referenceOf(row.id), answerDueAt: due, overdue: isOverdue(due, now) };
  }

  async function detail(tx: DbOrTx, id: string, scope: RequestScope) {
    const [row] = await summaries(tx).where(and(eq(supportRequest.id, id), scopeWhere(scope)));
    if (!row) throw notFound('support request');
    const [extra] = await tx
      .select({
        description: supportRequest.description,
        closedAt: supportRequest.closedAt,
        verifiedBy: verifier.email,
        verifiedAt: supportRequest.imagingVerifiedAt,
        machines: supportRequest.imagingMachines,
      })
      .from(supportRequest)
      .leftJoin(verifier, eq(verifier.id, supportRequest.imagingVerifiedBy))
      .where(eq(supportRequest.id, id));
    const attachments = await tx
      .select({
        id: supportAttachment.id,
        name: supportAttachment.fileName,
        mediaType: supportAttachment.mediaType,
        size: supportAttachment.size,
      })
      .from(supportAttachment)
      .where(eq(supportAttachment.requestId, id))
      .orderBy(asc(supportAttachment.createdAt), asc(supportAttachment.fileName));
    const messages = await tx
      .select({
        id: supportMessage.id,
        author: supportMessage.author,
        authorName: sql<string>`trim(${author.firstName} || ' ' || ${author.lastName})`,
        body: supportMessage.body,
        createdAt: supportMessage.createdAt,
      })
      .from(supportMessage)
      .innerJoin(author, eq(author.id, supportMessage.authorUserId))
      .where(eq(supportMessage.requestId, id))
      .orderBy(asc(supportMessage.createdAt), asc(supportMessage.id));
    return {
      ...view(row, clock.now()),
      description: extra?.description ?? '',
      closedAt: extra?.closedAt ?? null,
      imagingVerification:
        extra?.verifiedBy && extra.verifiedAt && extra.machines
          ? { verifiedBy: extra.verifiedBy, verifiedAt: extra.verifiedAt, machines: extra.machines }
          : null,
      attachments,
      // The publisher's staff are "Support" to the requester: their names are theirs.
      messages: messages.map((m) =>
        scope.kind === 'requester' && m.author === 'PUBLISHER' ? { ...m, authorName: '' } : { ...m, authorName: m.authorName },
      ),
    };
  }

  const personOf = async (tx: DbOrTx, userId: string) => {
    const [p] = await tx
      .select({ email: user.email, firstName: user.firstName, lastName: user.lastName, locale: user.locale })
      .from(user)
      .where(eq(user.id, userId));
    if (!p) throw notFound('user');
    return p;
  };

  /** Decodes and checks the attachments; nothing is stored when one is wrong. */
  function checkedAttachments(input: NewSupportRequest): SubmittedAttachment[] {
    const files = input.attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, bytes: Buffer.from(a.contentBase64, 'base64') }));
    const problem = attachmentProblem(files, limits);
    if (problem) {
      const messages: Record<typeof problem.code, string> = {
        SUPPORT_TOO_MANY_ATTACHMENTS: `A request may have at most ${limits.maxCount} attachments.`,
        SUPPORT_ATTACHMENT_TOO_LARGE: `An attachment may have at most ${limits.maxBytes} bytes.`,
        SUPPORT_ATTACHMENT_EMPTY: 'An attachment is empty.',
        SUPPORT_ATTACHMENT_TYPE_REFUSED: 'An attachment is not of an accepted type, or its content does not match its type.',
        SUPPORT_ATTACHMENT_NAME_INVALID: 'An attachment’s file name is not acceptable.',
      };
      throw invalid(problem.code, messages[problem.code], {
        maxCount: limits.maxCount,
        maxBytes: limits.maxBytes,
        ...(problem.index === undefined ? {} : { attachment: problem.index }),
      });
    }
    return files;
  }

  async function store(files: SubmittedAttachment[]): Promise<StoredBlob[]> {
    const stored: StoredBlob[] = [];
    try {
      for (const f of files) stored.push(await blobs.put(Readable.from([f.bytes]), { maxBytes: limits.maxBytes }));
      return stored;
    } catch (e) {
      await Promise.all(stored.map((s) => blobs.delete(s.key)));
      throw e;
    }
  }

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
      const files = checkedAttachments(input);
      // Who sends it, read once before the transaction: the mails and the answer name them.
      const [me] = await db
        .select({ email: user.email, firstName: user.firstName, locale: user.locale, organization: organization.name })
        .from(user)
        .innerJoin(organization, eq(organization.id, user.organizationId))
        .where(eq(user.id, actor.userId));
      if (!me) throw notFound('user');
      const stored = await store(files);
      try {
        return await db.transaction(async (tx) => {
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
          const attachments =
            files.length === 0
              ? []
              : await tx
                  .insert(supportAttachment)
                  .values(
                    files.map((f, i) => ({
                      requestId: row.id,
                      fileName: f.name,
                      mediaType: f.mediaType,
                      size: stored[i]?.size ?? 0,
                      sha256: stored[i]?.sha256 ?? '',
                      blobKey: stored[i]?.key ?? '',
                      createdAt: now,
                    })),
                  )
                  .returning({
                    id: supportAttachment.id,
                    name: supportAttachment.fileName,
                    mediaType: supportAttachment.mediaType,
                    size: supportAttachment.size,
                    sha256: supportAttachment.sha256,
                  });
          const imagingVerification = verified ? { verifiedBy: me.email, verifiedAt: now, machines: verified.machines } : null;
          await audit(tx, actor, {
            action: 'support.request.submit',
            targetType: 'support_request',
            targetId: row.id,
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
          const l = PUBLISHER_LOCALE;
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
              description: input.description,
              imaging: verified
                ? fill(SUPPORT_WORDS.imaging[l], { name: me.email, at: mailDate(now, l), machines: verified.machines })
                : '',
              attachments: files.length ? files.map((f) => f.name).join(', ') : SUPPORT_WORDS.noAttachments[l],
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
        });
      } catch (e) {
        // The request was not written: its attachments' bytes must not stay behind either.
        await Promise.all(stored.map((s) => blobs.delete(s.key)));
        throw e;
      }
    },

    /** The requester's own requests, newest first (never a colleague's: each person sees what they sent). */
    async mine(actor: Actor) {
      const now = clock.now();
      const rows = await summaries(db)
        .where(scopeWhere({ kind: 'requester', actor }))
        .orderBy(desc(supportRequest.submittedAt));
      return rows.map((r) => view(r, now));
    },

    detail: (id: string, scope: RequestScope) => detail(db, id, scope),

    /**
     * R-SUP-1: the publisher's queue. Requests awaiting an answer come first, the longest-waiting
     * (soonest due) first; then the others, most recently changed first.
     */
    async queue(filter: SupportQueueFilter) {
      const now = clock.now();
      const conditions: (SQL | undefined)[] = [];
      const awaiting = inArray(supportRequest.status, [...AWAITING_PUBLISHER]);
      if (filter.status === 'OPEN') conditions.push(ne(supportRequest.status, 'CLOSED'));
      else if (filter.status === 'AWAITING_ANSWER') conditions.push(awaiting);
      else if (filter.status === 'OVERDUE')
        conditions.push(
          awaiting,
          isNotNull(supportRequest.awaitingSince),
          lt(supportRequest.awaitingSince, new Date(now.getTime() - hours * 3_600_000)),
        );
      else if (filter.status !== 'ALL') conditions.push(eq(supportRequest.status, filter.status as SupportStatus));
      if (filter.topic) conditions.push(eq(supportRequest.topic, filter.topic));
      const rows = await summaries(db)
        .where(and(...conditions))
        .orderBy(
          sql`${supportRequest.status} in ('NEW', 'CUSTOMER_REPLIED') desc`,
          sql`case when ${supportRequest.status} in ('NEW', 'CUSTOMER_REPLIED') then ${supportRequest.awaitingSince} end asc`,
          desc(supportRequest.updatedAt),
        )
        .limit(1000);
      return rows.map((r) => view(r, now));
    },

    /** The requester writes again: the publisher owes an answer (within 24 hours of the oldest unanswered message). */
    async replyAsRequester(actor: Actor, id: string, body: string) {
      const scope: RequestScope = { kind: 'requester', actor };
      return db.transaction(async (tx) => {
        const now = clock.now();
        const moved = await transition(tx, id, scope, {
          status: statusAfterReply('REQUESTER'),
          awaitingSince: sql`coalesce(${supportRequest.awaitingSince}, ${now.toISOString()}::timestamptz)`,
        });
        const [message] = await tx
          .insert(supportMessage)
          .values({ requestId: id, author: 'REQUESTER', authorUserId: actor.userId, body, createdAt: now })
          .returning({ id: supportMessage.id });
        await audit(tx, actor, {
          action: 'support.request.reply',
          targetType: 'support_request',
          targetId: id,
          after: { messageId: message?.id, author: 'REQUESTER', status: moved.status, body },
        });
        const me = await personOf(tx, actor.userId);
        const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, moved.organizationId));
        const l = PUBLISHER_LOCALE;
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
            message: body,
            url: portal(`/support/queue/${id}`),
          },
        });
        return detail(tx, id, scope);
      });
    },

    /** R-SUP-1: the publisher answers; the answer is mailed to the requester in their language with a link. */
    async replyAsPublisher(actor: Actor, id: string, body: string, waitForCustomer: boolean) {
      const scope: RequestScope = { kind: 'publisher' };
      return db.transaction(async (tx) => {
        const now = clock.now();
        const moved = await transition(tx, id, scope, { status: statusAfterReply('PUBLISHER', waitForCustomer), awaitingSince: null });
        const [message] = await tx
          .insert(supportMessage)
          .values({ requestId: id, author: 'PUBLISHER', authorUserId: actor.userId, body, createdAt: now })
          .returning({ id: supportMessage.id });
        await audit(tx, actor, {
          action: 'support.request.answer',
          targetType: 'support_request',
          targetId: id,
          organizationId: moved.organizationId,
          after: { messageId: message?.id, author: 'PUBLISHER', status: moved.status, body },
        });
        await mailRequester(tx, id, supportMails.supportRequestAnswered, (locale) => ({
          reference: referenceOf(id),
          subject: moved.subject,
          topic: TOPIC_LABELS[moved.topic][locale],
          message: body,
          next: (waitForCustomer ? SUPPORT_WORDS.waitingForYou : SUPPORT_WORDS.replyIfNeeded)[locale],
        }));
        return detail(tx, id, scope);
      });
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
            locale: PUBLISHER_LOCALE,
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
