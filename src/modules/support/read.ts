import { aliasedTable, and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { answerDueAt, isOverdue, referenceOf } from './rules.js';
import { supportAttachment, supportMessage, supportRequest } from './tables.js';

/** The requester of a request (the user table under another name, beside the verifier and authors). */
export const requester = aliasedTable(user, 'requester');
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
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summariesOf>['execute']>>[number];

/** The requests with what a list shows of them; `keys` adds a list's own sort keys. */
export const summariesOf = <K extends Record<string, SQL>>(tx: DbOrTx, keys: K = {} as K) =>
  tx
    .select({ ...summaryColumns, ...keys })
    .from(supportRequest)
    .innerJoin(organization, eq(organization.id, supportRequest.organizationId))
    .innerJoin(requester, eq(requester.id, supportRequest.requestedBy))
    .leftJoin(licensingId, eq(licensingId.id, supportRequest.licensingId));

/** Who may see a request: its requester (and only within their organization), or the publisher's staff (everything). */
export type RequestScope = { kind: 'requester'; actor: Actor } | { kind: 'publisher' };

export const scopeWhere = (scope: RequestScope): SQL | undefined =>
  scope.kind === 'publisher'
    ? undefined
    : and(eq(supportRequest.requestedBy, scope.actor.userId), eq(supportRequest.organizationId, scope.actor.organizationId));

/** A request's list view (with its due time, R-SUP-1) and its detail with the conversation, at the clock's time. */
export function createRequestReader({ clock, hours }: { clock: Clock; hours: number }) {
  function view(row: SummaryRow, now: Date) {
    const { awaitingSince, organizationId: _o, requestedById: _r, ...rest } = row;
    const due = answerDueAt(row.status, awaitingSince, hours);
    return { ...rest, reference: referenceOf(row.id), answerDueAt: due, overdue: isOverdue(due, now) };
  }

  async function detail(tx: DbOrTx, id: string, scope: RequestScope) {
    const [row] = await summariesOf(tx).where(and(eq(supportRequest.id, id), scopeWhere(scope)));
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
    const files = await tx
      .select({
        id: supportAttachment.id,
        messageId: supportAttachment.messageId,
        name: supportAttachment.fileName,
        mediaType: supportAttachment.mediaType,
        size: supportAttachment.size,
      })
      .from(supportAttachment)
      .where(eq(supportAttachment.requestId, id))
      .orderBy(asc(supportAttachment.createdAt), asc(supportAttachment.fileName));
    // The form's files belong to the request; a reply's to its message.
    const filesOf = (messageId: string | null) => files.filter((f) => f.messageId === messageId).map(({ messageId: _m, ...f }) => f);
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
      attachments: filesOf(null),
      // The publisher's staff are "Support" to the requester: their names are theirs.
      messages: messages.map((m) => ({
        ...m,
        authorName: scope.kind === 'requester' && m.author === 'PUBLISHER' ? '' : m.authorName,
        attachments: filesOf(m.id),
      })),
    };
  }

  return { view, detail };
}
