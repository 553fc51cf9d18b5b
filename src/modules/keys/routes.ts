import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { KeyRequestSchema } from '../permissions/key-requests/rules.js';
import {
  EXPORT_COLUMNS,
  type ExportRow,
  keyFile,
  keyFileChunks,
  keyTsvChunks,
  keyWorkbook,
  keyWorkbookFromBatches,
  printCells,
} from './export-format.js';
import { keyExportSource } from './export-stream.js';
import { createKeyRequestsService } from './requests.js';
import {
  AllExportQuery,
  DecisionBody,
  ExportQuery,
  IssueByRulesResponse,
  IssuedKeyResponse,
  IssueKeyBody,
  KeyListSchema,
  KeyRequestQueueQuery,
  KeyRequestViewSchema,
  LicensingIdKeysSchema,
  PrintQuery,
  PrintViewSchema,
} from './schemas.js';
import { createKeysService } from './service.js';

const LicensingParams = z.object({ licensingId: z.uuid() });
const KeyFile = {
  description: 'The key file, an attachment: tab-separated (format=tsv) or comma-separated (format=csv), one key a line after the header',
  content: {
    'text/tab-separated-values': { schema: fileBody('UTF-8 text, tab-delimited') },
    'text/csv': { schema: fileBody('UTF-8 text, comma-separated') },
  },
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KeyWorkbook = {
  description: 'The key file as an Excel workbook, an attachment: the seven columns, every cell text',
  content: { [XLSX]: { schema: fileBody('an Office Open XML workbook', true) } },
};

/** R-KEY-7: the key file as an attachment. Keys must not linger in caches. */
function sendFile(reply: FastifyReply, rows: ExportRow[], format: 'tsv' | 'csv', name: string, locale: Locale) {
  return reply
    .type(format === 'tsv' ? 'text/tab-separated-values; charset=utf-8' : 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .header('cache-control', 'no-store')
    .send(keyFile(rows, format, locale));
}

/** Product keys (R-KEY-1 … R-KEY-9) and the requests about them (R-PERM-13). */
export function keysModule(deps: ModuleDeps): ModuleRoutes {
  const keys = createKeysService(deps);
  const requests = createKeyRequestsService(deps);
  // The all-keys file streams from the replica (its activation counts may lag the primary slightly).
  const streaming = { db: deps.reads, pool: deps.database.reads.pool, keyEncryptionKey: deps.secrets.keyEncryptionKey };
  // The columns keep their R-KEY-7 names (the portal translates the headings); the cells are in the user's words.
  const print = (rows: ExportRow[], licensingIdNumber: string | null, locale: Locale) => ({
    generatedAt: deps.clock.now(),
    licensingIdNumber,
    columns: [...EXPORT_COLUMNS],
    rows: printCells(rows, locale),
    count: rows.length,
  });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['keys'];
    const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

    app.get(
      '/product-keys',
      {
        config: { action: 'keys.view' },
        schema: {
          tags,
          summary:
            'Downloads and Keys: every key on the Licensing IDs where I hold Administrator or Product Keys, with used/available counts (R-KEY-7, R-KEY-9)',
          response: { 200: KeyListSchema },
        },
      },
      async (req, reply) => {
        noStore(reply);
        return { items: await keys.list(actorOf(req)) };
      },
    );

    app.get(
      '/product-keys/export',
      {
        config: { action: 'keys.view' },
        schema: {
          tags,
          summary:
            'Download all my keys (or one Licensing ID’s) as a file: Licensing ID, Parent Program, Organization, Product, Product Key, Type, MAK Activations-Used/Available (R-KEY-7)',
          querystring: AllExportQuery,
          response: { 200: KeyFile },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { format, licensingId } = req.query;
        if (licensingId !== undefined)
          return sendFile(reply, await keys.exportRows(actor, licensingId), format, 'product-keys', actor.locale);
        // All keys: streamed from a cursor a batch at a time, so a million keys keep memory flat.
        const source = keyExportSource(streaming, actor);
        return reply
          .type(format === 'tsv' ? 'text/tab-separated-values; charset=utf-8' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="product-keys.${format}"`)
          .header('cache-control', 'no-store')
          .send(
            // One chunk (a batch of keys) read ahead at most: a slow reader holds back the cursor, not memory.
            Readable.from(format === 'tsv' ? keyTsvChunks(source.tsvBatches()) : keyFileChunks(source.batches(), format, actor.locale), {
              highWaterMark: 1,
            }),
          );
      },
    );

    app.get(
      '/product-keys/workbook',
      {
        config: { action: 'keys.view' },
        schema: {
          tags,
          summary:
            'Download all my keys (or one Licensing ID’s) as an Excel workbook, the same seven columns as the key file, every cell text so that 1/9 stays 1/9 (R-KEY-7, R-REP-4)',
          querystring: PrintQuery,
          response: { 200: KeyWorkbook },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { licensingId } = req.query;
        const book =
          licensingId !== undefined
            ? keyWorkbook(await keys.exportRows(actor, licensingId), actor.locale)
            : keyWorkbookFromBatches(keyExportSource(streaming, actor).batches(), actor.locale);
        return reply
          .type(XLSX)
          .header('content-disposition', 'attachment; filename="product-keys.xlsx"')
          .header('cache-control', 'no-store')
          .send(book);
      },
    );

    app.get(
      '/product-keys/print',
      {
        config: { action: 'keys.view' },
        schema: {
          tags,
          summary: 'The key file as rows for the print view (R-KEY-7)',
          querystring: PrintQuery,
          response: { 200: PrintViewSchema },
        },
      },
      async (req, reply) => {
        noStore(reply);
        const actor = actorOf(req);
        const rows = await keys.exportRows(actor, req.query.licensingId);
        return print(rows, req.query.licensingId ? (rows[0]?.licensingIdNumber ?? null) : null, actor.locale);
      },
    );

    app.get(
      '/licensing-ids/:licensingId/keys',
      {
        config: { action: 'keys.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'One Licensing ID’s keys, and its licensed products that need no key, with why (R-KEY-1, R-KEY-2, R-KEY-7)',
          params: LicensingParams,
          response: { 200: LicensingIdKeysSchema },
        },
      },
      async (req, reply) => {
        noStore(reply);
        return keys.forLicensingId(actorOf(req), req.params.licensingId);
      },
    );

    app.get(
      '/licensing-ids/:licensingId/keys/export',
      {
        config: { action: 'keys.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Download this Licensing ID’s keys as a file (R-KEY-7)',
          params: LicensingParams,
          querystring: ExportQuery,
          response: { 200: KeyFile },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return sendFile(reply, await keys.exportRows(actor, req.params.licensingId), req.query.format, 'product-keys', actor.locale);
      },
    );

    app.get(
      '/licensing-ids/:licensingId/keys/print',
      {
        config: { action: 'keys.view', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'This Licensing ID’s key file as rows for the print view (R-KEY-7)',
          params: LicensingParams,
          response: { 200: PrintViewSchema },
        },
      },
      async (req, reply) => {
        noStore(reply);
        const actor = actorOf(req);
        const rows = await keys.exportRows(actor, req.params.licensingId);
        return print(rows, rows[0]?.licensingIdNumber ?? null, actor.locale);
      },
    );

    app.post(
      '/key-requests',
      {
        config: { action: 'keys.request' },
        schema: {
          tags,
          summary:
            'Request more MAK activations, a KMS key by exception (Open) or more KMS hosts, with the five required fields (R-PERM-13); queued for the publisher',
          body: KeyRequestSchema,
          response: { 201: KeyRequestViewSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await requests.submit(actorOf(req), req.body)),
    );

    app.get(
      '/key-requests',
      {
        config: { action: 'keys.request' },
        schema: {
          tags,
          summary: 'Key requests on the Licensing IDs I may request for, newest first (R-PERM-13)',
          response: { 200: z.object({ items: z.array(KeyRequestViewSchema) }) },
        },
      },
      async (req) => ({ items: await requests.mine(actorOf(req)) }),
    );

    app.get(
      '/operator/key-requests',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'The publisher’s queue of key requests (R-PERM-13)',
          querystring: KeyRequestQueueQuery,
          response: { 200: z.object({ items: z.array(KeyRequestViewSchema) }) },
        },
      },
      async (req) => ({ items: await requests.queue(req.query.status) }),
    );

    app.post(
      '/operator/key-requests/:requestId/decision',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary:
            'Approve (raising the limit, or issuing the KMS key of an exception) or deny a key request; the requester is mailed (R-PERM-13)',
          params: z.object({ requestId: z.uuid() }),
          body: DecisionBody,
          response: { 200: KeyRequestViewSchema },
        },
      },
      async (req) => requests.decide(actorOf(req), req.params.requestId, req.body),
    );

    app.post(
      '/operator/licensing-ids/:licensingId/keys/issue',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary:
            'Issue the keys the program rules call for: per pool or per purchased product, MAK/KMS/OSA; only what is missing (R-KEY-1, R-KEY-2)',
          params: LicensingParams,
          response: { 200: IssueByRulesResponse },
        },
      },
      async (req) => keys.issueByRules(actorOf(req), req.params.licensingId),
    );

    app.post(
      '/operator/licensing-ids/:licensingId/keys',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary: 'Issue one key by hand (a setup key, a KMS key by exception); the limit defaults to the rules (R-KEY-2, R-KEY-3)',
          params: LicensingParams,
          body: IssueKeyBody,
          response: { 201: IssuedKeyResponse },
        },
      },
      async (req, reply) => reply.status(201).send(await keys.issueKey(actorOf(req), req.params.licensingId, req.body)),
    );
  };
}
