import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody, ProblemSchema } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { type BlobStore, openBlobStore } from '../../platform/storage/index.js';
import { deliveryFor } from './delivery.js';
import { materializeDemoFiles } from './demo.js';
import { downloadsPerMonth } from './monthly.js';
import { createDownloadFilesService } from './operator.js';
import {
  CatalogPageSchema,
  CatalogQuerySchema,
  CategoriesSchema,
  ContentQuerySchema,
  DetailQuerySchema,
  DownloadInfoBodySchema,
  FileParams,
  LinksBodySchema,
  LinksSchema,
  MonthlyQuerySchema,
  MonthlySchema,
  MoreSchema,
  OperatorFileSchema,
  ProductDownloadSchema,
  ProductParams,
  SettingsSchema,
  SuggestionsSchema,
  SuggestQuerySchema,
  UploadQuerySchema,
} from './schemas.js';
import { CONTENT_TYPES, createFileServer } from './serve.js';
import { createDownloadsService } from './service.js';
import { createLinkSigner } from './signed-link.js';

/** The content answers in the media type of the file's format (application/octet-stream for any other). */
const fileTypes = [...new Set([...Object.values(CONTENT_TYPES), 'application/octet-stream'])];
const bytesAs = (types: string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: fileBody('the file’s bytes', true) }])),
});
const FileAnswers = {
  200: bytesAs(
    fileTypes,
    'The whole file, an attachment. ETag and Last-Modified validate it; Repr-Digest (sha-256) and X-Checksum-Sha256 give its digest; Accept-Ranges: bytes',
  ),
  206: bytesAs(
    [...fileTypes, 'multipart/byteranges'],
    'The requested range (Content-Range: bytes first-last/size) in the file’s media type, or several ranges as multipart/byteranges',
  ),
  302: z
    .null()
    .describe(
      'With files in object storage (FILE_STORE=s3://…): Location is a presigned URL of the store, valid for DOWNLOAD_REDIRECT_SECONDS, that answers the same Range (and If-Range with its own ETag); recorded as a download here',
    ),
  304: z.null().describe('the copy named by If-None-Match is current'),
  416: {
    description: 'No requested range lies within the file; Content-Range: bytes */size gives its length',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};

/**
 * Downloads and Keys (R-DL-1 … R-DL-7, R-KEY-2): the catalog a user may download, a product's
 * download page, download settings, signed links, the file content with Range support, and the
 * publisher's back office for files. `blobs` is for tests and benchmarks that bring their own store.
 */
export function downloadsModule(deps: ModuleDeps, blobs: BlobStore = openBlobStore(deps.config)): ModuleRoutes {
  const { db, config, clock, secrets } = deps;
  const downloads = createDownloadsService(deps);
  const files = createDownloadFilesService({ db, blobs, maxBytes: config.DOWNLOAD_UPLOAD_MAX_BYTES });
  const serve = createFileServer({
    db,
    clock,
    blobs,
    signer: createLinkSigner(secrets.keyEncryptionKey),
    metrics: deps.metrics,
    delivery: deliveryFor(config, blobs),
  });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['downloads'];
    // Demo rows name files generated on first start (they depend on nothing but their id). Only a
    // deployment that seeds demo data has such rows; without it, building the app queries nothing.
    if (config.SEED_DEMO) {
      fastify.addHook('onReady', async () => {
        await materializeDemoFiles(db, blobs);
      });
    }
    // Uploads arrive as raw bytes and are streamed to the blob store, never buffered: the parser hands over the stream.
    fastify.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

    app.get(
      '/downloads',
      {
        config: { action: 'downloads.get' },
        schema: {
          tags,
          summary:
            'Downloads and Keys: the products I may download (R-DL-2: Open programs what was purchased, others the whole catalog), by name, with category and word filters (R-DL-6)',
          querystring: CatalogQuerySchema,
          response: { 200: CatalogPageSchema },
        },
      },
      async (req) => downloads.catalog(actorOf(req), req.query),
    );

    app.get(
      '/downloads/categories',
      {
        config: { action: 'downloads.get' },
        schema: { tags, summary: 'The categories of my catalog, with product counts (R-DL-6)', response: { 200: CategoriesSchema } },
      },
      async (req) => ({ items: await downloads.categories(actorOf(req)) }),
    );

    app.get(
      '/downloads/monthly',
      {
        config: { action: 'downloads.get', target: 'service' },
        schema: {
          tags,
          summary:
            'Downloads per month over the last 12 months (UTC, months without any as 0) by the people who may download on my Licensing IDs, or on the one chosen; a file fetched by a user on a day counts once, however many requests',
          querystring: MonthlyQuerySchema,
          response: { 200: MonthlySchema },
        },
      },
      async (req) => downloadsPerMonth(db, clock, actorOf(req), req.query.licensingId),
    );

    app.get(
      '/downloads/suggest',
      {
        config: { action: 'downloads.get' },
        schema: {
          tags,
          summary: 'Up to ten product names while typing: prefix matches first, then word matches (R-DL-6)',
          querystring: SuggestQuerySchema,
          response: { 200: SuggestionsSchema },
        },
      },
      async (req) => ({ items: await downloads.suggest(actorOf(req), req.query.q) }),
    );

    app.get(
      '/downloads/:productId',
      {
        config: { action: 'downloads.get', target: 'service' },
        schema: {
          tags,
          summary:
            'A product’s download page: "More" (R-DL-6), the files for a language and system or available=false (R-DL-3), setup keys (R-KEY-2), prior versions (R-DL-7)',
          params: ProductParams,
          querystring: DetailQuerySchema,
          response: { 200: ProductDownloadSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store'); // it may carry setup keys
        return downloads.product(actorOf(req), req.params.productId, req.query);
      },
    );

    app.post(
      '/downloads/:productId/links',
      {
        config: { action: 'downloads.get', target: 'service' },
        schema: {
          tags,
          summary:
            'Signed, short-lived links to some files, or to the bundle of a language and system, for a browser or the download manager',
          params: ProductParams,
          body: LinksBodySchema,
          response: { 200: LinksSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return { items: await downloads.links(actorOf(req), req.params.productId, req.body) };
      },
    );

    app.get(
      '/me/download-settings',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'My download settings: method, language, operating system type (R-DL-3)',
          response: { 200: SettingsSchema },
        },
      },
      async (req) => downloads.settings(actorOf(req)),
    );

    app.put(
      '/me/download-settings',
      {
        config: { action: 'self' },
        schema: { tags, summary: 'Save my download settings (R-DL-3)', body: SettingsSchema, response: { 200: SettingsSchema } },
      },
      async (req) => downloads.saveSettings(actorOf(req), req.body),
    );

    app.route({
      method: ['GET', 'HEAD'],
      url: '/files/:fileId/content',
      config: { action: 'public' },
      schema: {
        tags,
        summary:
          'A file’s content: signed link (expires, user, method, signature) or a session with downloads.get; Range/If-Range/ETag, Repr-Digest and X-Checksum-Sha256',
        params: FileParams,
        querystring: ContentQuerySchema,
        response: FileAnswers,
      },
      handler: async (req, reply) => {
        await serve(req, reply, req.params.fileId, req.query);
        // Returning the reply tells Fastify the response (a stream, still flowing) is already under way.
        return reply;
      },
    });

    app.post(
      '/operator/products/:productId/files',
      {
        config: { action: 'operator' },
        bodyLimit: config.DOWNLOAD_UPLOAD_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Upload a file (raw bytes, application/octet-stream) for a product; its SHA-256 is computed on the way in and checked against X-Checksum-Sha256 when sent',
          params: ProductParams,
          querystring: UploadQuerySchema,
          headers: z.object({ 'x-checksum-sha256': z.string().trim().max(100).optional() }),
          response: { 201: OperatorFileSchema },
        },
      },
      async (req, reply) => {
        if (!(req.body instanceof Readable)) {
          throw new DomainError(
            'UPLOAD_NOT_OCTET_STREAM',
            415,
            'Send the file’s bytes as the body, with Content-Type: application/octet-stream.',
          );
        }
        const length = Number(req.headers['content-length']);
        const created = await files.upload(actorOf(req), req.params.productId, req.query, {
          body: req.body,
          ...(req.headers['x-checksum-sha256'] ? { checksum: req.headers['x-checksum-sha256'] } : {}),
          ...(Number.isFinite(length) ? { length } : {}),
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/operator/products/:productId/files',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'A product’s files',
          params: ProductParams,
          response: { 200: z.object({ items: z.array(OperatorFileSchema) }) },
        },
      },
      async (req) => ({ items: await files.list(req.params.productId) }),
    );

    app.delete(
      '/operator/files/:fileId',
      {
        config: { action: 'operator' },
        schema: { tags, summary: 'Withdraw a file (its download records stay)', params: FileParams, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await files.remove(actorOf(req), req.params.fileId);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/operator/products/:productId/download-info',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The "More" panel of a product: version notes, special instructions, system requirements (R-DL-6)',
          params: ProductParams,
          body: DownloadInfoBodySchema,
          response: { 200: MoreSchema },
        },
      },
      async (req) => files.saveInfo(actorOf(req), req.params.productId, req.body),
    );
  };
}
