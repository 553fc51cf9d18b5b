import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { fileBody } from '../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { type BlobStore, openBlobStore } from '../../platform/storage/index.js';
import { attachmentDisposition } from '../downloads/http-range.js';
import { CONTENT_TYPES } from './kinds/kind.js';
import { CreateExportBody, ExportJobSchema, ExportListQuery, ExportPageSchema, ExportParams } from './schemas.js';
import { createExportsService } from './service.js';

const ExportFile = {
  description: 'The export’s file, an attachment: TSV, CSV or an Excel workbook, as the job’s format says',
  content: Object.fromEntries(Object.values(CONTENT_TYPES).map((type) => [type, { schema: fileBody('the file’s bytes', true) }])),
};

/**
 * Background exports (issue 15). Any signed-in user (`self`) queues and follows their own jobs;
 * what a job writes is decided by its kind with the user's scope when it runs. Another user's job
 * is 404. `blobs` is for tests and benchmarks that bring their own store.
 */
export function exportsModule(deps: ModuleDeps, blobs: BlobStore = openBlobStore(deps.config)): ModuleRoutes {
  const exportsService = createExportsService({ ...deps, blobs });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['exports'];

    app.post(
      '/exports',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'Queue a background export (product keys as TSV/CSV/XLSX, the License Summary as XLSX); mailed when ready',
          body: CreateExportBody,
          response: { 202: ExportJobSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await exportsService.request(actorOf(req), req.body)),
    );

    app.get(
      '/exports',
      {
        config: { action: 'self' },
        schema: { tags, summary: 'My background exports, newest first', querystring: ExportListQuery, response: { 200: ExportPageSchema } },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return exportsService.list(actorOf(req), req.query);
      },
    );

    app.get(
      '/exports/:exportId',
      {
        config: { action: 'self' },
        schema: { tags, summary: 'One of my exports, with its progress', params: ExportParams, response: { 200: ExportJobSchema } },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return exportsService.get(actorOf(req), req.params.exportId);
      },
    );

    app.get(
      '/exports/:exportId/file',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'Download a finished export’s file (409 EXPORT_NOT_READY before, 410 EXPORT_EXPIRED after its time)',
          params: ExportParams,
          response: { 200: ExportFile },
        },
      },
      async (req, reply) => {
        const file = await exportsService.file(actorOf(req), req.params.exportId);
        return reply
          .type(file.type)
          .header('content-disposition', attachmentDisposition(file.name))
          .header('content-length', file.size)
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );

    app.delete(
      '/exports/:exportId',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'Cancel an export not finished yet, or delete a finished one and its file',
          params: ExportParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await exportsService.remove(actorOf(req), req.params.exportId);
        return reply.status(204).send(null);
      },
    );
  };
}
