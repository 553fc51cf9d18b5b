import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { type BlobStore, openBlobStore } from '../../platform/storage/index.js';
import { attachmentDisposition } from '../downloads/http-range.js';
import { ATTACHMENT_MEDIA_TYPES } from './rules.js';
import {
  AttachmentParams,
  NewSupportRequestSchema,
  OperatorReplySchema,
  ReplySchema,
  RequestParams,
  SupportPageQuery,
  SupportQueueQuery,
  SupportRequestDetailSchema,
  SupportRequestListSchema,
} from './schemas.js';
import { createSupportService, type SupportService } from './service.js';

const AttachmentFile = {
  description: 'The attachment’s bytes, as an attachment, in its media type',
  content: Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: fileBody('the file’s bytes', true) }])),
};

async function sendAttachment(reply: FastifyReply, file: Awaited<ReturnType<SupportService['attachment']>>) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('content-length', file.size)
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/**
 * Support requests (R-SUP-1, R-SUP-2). Any signed-in user sends and follows their own requests
 * (`self`: the service scopes every query to the requester, so another person's request is 404);
 * the publisher's staff work the queue (`operator`). `blobs` is for tests that bring their own store.
 */
export function supportModule(deps: ModuleDeps, blobs: BlobStore = openBlobStore(deps.config)): ModuleRoutes {
  const support = createSupportService(deps, blobs);
  const { SUPPORT_ATTACHMENT_MAX_COUNT: count, SUPPORT_ATTACHMENT_MAX_BYTES: bytes, BODY_LIMIT_BYTES } = deps.config;
  // The form and a reply carry their attachments base64-encoded: room for all of them, and for the text.
  const submitBodyLimit = Math.max(BODY_LIMIT_BYTES, count * Math.ceil(bytes / 3) * 4 + 256 * 1024);

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['support'];
    const operatorTags = ['operator', 'support'];

    app.post(
      '/support-requests',
      {
        config: { action: 'self' },
        bodyLimit: submitBodyLimit,
        schema: {
          tags,
          summary:
            'Contact support: topic, the Licensing ID it concerns (or none), subject, description, attachments (R-SUP-1); a Windows upgrade imaging request carries the written base-license verification and the machines’ count (R-SUP-2). Acknowledged by mail with the 24-hour promise',
          body: NewSupportRequestSchema,
          response: { 201: SupportRequestDetailSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await support.submit(actorOf(req), req.body)),
    );

    app.get(
      '/support-requests',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'My support requests with their status, newest first, a page at a time (R-SUP-1)',
          querystring: SupportPageQuery,
          response: { 200: SupportRequestListSchema },
        },
      },
      async (req) => support.mine(actorOf(req), req.query),
    );

    app.get(
      '/support-requests/:requestId',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'One of my support requests with the conversation and attachments (R-SUP-1)',
          params: RequestParams,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => support.detail(req.params.requestId, { kind: 'requester', actor: actorOf(req) }),
    );

    app.post(
      '/support-requests/:requestId/replies',
      {
        config: { action: 'self' },
        bodyLimit: submitBodyLimit,
        schema: {
          tags,
          summary:
            'Reply on my open request, with attachments if needed; mailed to the publisher’s support address, answered within 24 hours (R-SUP-1)',
          params: RequestParams,
          body: ReplySchema,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => support.replyAsRequester(actorOf(req), req.params.requestId, req.body),
    );

    app.post(
      '/support-requests/:requestId/close',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'Close my request (the publisher is told)',
          params: RequestParams,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return support.close(actor, req.params.requestId, { kind: 'requester', actor });
      },
    );

    app.get(
      '/support-requests/:requestId/attachments/:attachmentId',
      {
        config: { action: 'self' },
        schema: { tags, summary: 'An attachment of one of my requests', params: AttachmentParams, response: { 200: AttachmentFile } },
      },
      async (req, reply) =>
        sendAttachment(
          reply,
          await support.attachment(req.params.requestId, req.params.attachmentId, { kind: 'requester', actor: actorOf(req) }),
        ),
    );

    app.get(
      '/operator/support-requests',
      {
        config: { action: 'operator' },
        schema: {
          tags: operatorTags,
          summary:
            'The publisher’s support queue: by status and topic, with the answer due time (24 hours) and whether it is overdue; awaiting an answer first, soonest due first, a page at a time (R-SUP-1)',
          querystring: SupportQueueQuery,
          response: { 200: SupportRequestListSchema },
        },
      },
      async (req) => support.queue(req.query),
    );

    app.get(
      '/operator/support-requests/:requestId',
      {
        config: { action: 'operator' },
        schema: {
          tags: operatorTags,
          summary: 'A support request with the conversation, attachments and any imaging verification (R-SUP-1, R-SUP-2)',
          params: RequestParams,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => support.detail(req.params.requestId, { kind: 'publisher' }),
    );

    app.post(
      '/operator/support-requests/:requestId/replies',
      {
        config: { action: 'operator' },
        bodyLimit: submitBodyLimit,
        schema: {
          tags: operatorTags,
          summary:
            'Answer a request, with attachments if needed; the answer is mailed to the requester in their language with a link (R-SUP-1)',
          params: RequestParams,
          body: OperatorReplySchema,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => support.replyAsPublisher(actorOf(req), req.params.requestId, req.body),
    );

    app.post(
      '/operator/support-requests/:requestId/close',
      {
        config: { action: 'operator' },
        schema: {
          tags: operatorTags,
          summary: 'Close a request (the requester is mailed)',
          params: RequestParams,
          response: { 200: SupportRequestDetailSchema },
        },
      },
      async (req) => support.close(actorOf(req), req.params.requestId, { kind: 'publisher' }),
    );

    app.get(
      '/operator/support-requests/:requestId/attachments/:attachmentId',
      {
        config: { action: 'operator' },
        schema: { tags: operatorTags, summary: 'An attachment of a request', params: AttachmentParams, response: { 200: AttachmentFile } },
      },
      async (req, reply) =>
        sendAttachment(reply, await support.attachment(req.params.requestId, req.params.attachmentId, { kind: 'publisher' })),
    );
  };
}
