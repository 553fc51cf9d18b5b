import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/guard.js';
import { fileBody } from '../../../platform/http/openapi.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { type BlobStore, openBlobStore } from '../../../platform/storage/index.js';
import { attachmentDisposition } from '../../downloads/http-range.js';
import { AccountParams } from '../schemas.js';
import { createAgreementService } from './agreements.js';
import { UPLOAD_MAX_BYTES } from './rules.js';
import { createSalesPackageService } from './sales-packages.js';
import {
  AccountAgreementParams,
  AccountProfileSchema,
  AccountSalesPackageParams,
  AgreementPageSchema,
  AgreementQuery,
  AnniversaryMonthSchema,
  EditSalesPackageSchema,
  NewSalesPackageSchema,
  SalesPackageListSchema,
  SalesPackageParams,
  SalesPackageSchema,
  ServedAccountListSchema,
  SignSalesPackageSchema,
  VerificationSchema,
} from './schemas.js';

const PdfFile = {
  description: 'The PDF, as an attachment; X-Checksum-Sha256 gives its recorded SHA-256',
  content: { 'application/pdf': { schema: fileBody('the PDF’s bytes', true) } },
};

const sendPdf = (reply: FastifyReply, file: { name: string; content: Buffer }, disposition: 'attachment' | 'inline') =>
  reply
    .type('application/pdf')
    .header('content-disposition', disposition === 'inline' ? `inline; filename="${file.name}"` : attachmentDisposition(file.name))
    .header('cache-control', 'private, no-store')
    .send(file.content);

/**
 * R-BC-2 sales packages and R-BC-3 the agreements list. The partner's side (`partner`) reads the
 * packages its organization prepared (another's is 404) and prepares, edits and sends only for the
 * accounts it still serves (SALES_PACKAGE_ACCOUNT_NOT_SERVED); the customer's side
 * to the account in the path: account.view reads, account.agreements signs, account.manage edits.
 */
export function bcAgreementsModule(deps: ModuleDeps, blobs: BlobStore = openBlobStore(deps.config)): ModuleRoutes {
  const { db, clock, config } = deps;
  const packages = createSalesPackageService({ db, clock, blobs, publicUrl: config.publicUrl });
  const agreements = createAgreementService({ db, clock, publicUrl: config.publicUrl });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['business-center'];
    const partner = { action: 'partner' } as const;
    const viewer = { action: 'account.view', target: 'params.purchasingAccountId' } as const;
    const signer = { action: 'account.agreements', target: 'params.purchasingAccountId' } as const;
    const manager = { action: 'account.manage', target: 'params.purchasingAccountId' } as const;

    // A paper-signed scan arrives as the PDF's bytes; the size limit is checked while reading.
    fastify.addContentTypeParser('application/pdf', (_req, payload, done) => done(null, payload));

    // ---- the partner's side ----
    app.get(
      '/partner/purchasing-accounts',
      {
        config: partner,
        schema: { tags, summary: 'R-BC-2: the purchasing accounts our organization serves', response: { 200: ServedAccountListSchema } },
      },
      async (req) => packages.servedAccounts(actorOf(req)),
    );

    app.get(
      '/partner/sales-packages',
      { config: partner, schema: { tags, summary: 'R-BC-2: our sales packages, newest first', response: { 200: SalesPackageListSchema } } },
      async (req) => packages.listForPartner(actorOf(req)),
    );

    app.post(
      '/partner/sales-packages',
      {
        config: partner,
        schema: {
          tags,
          summary: 'R-BC-2: prepare a sales package (a draft) for a purchasing account we serve',
          body: NewSalesPackageSchema,
          response: { 201: SalesPackageSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await packages.prepare(actorOf(req), req.body)),
    );

    app.get(
      '/partner/sales-packages/:salesPackageId',
      {
        config: partner,
        schema: { tags, summary: 'R-BC-2: one of our sales packages', params: SalesPackageParams, response: { 200: SalesPackageSchema } },
      },
      async (req) => packages.getForPartner(actorOf(req), req.params.salesPackageId),
    );

    app.patch(
      '/partner/sales-packages/:salesPackageId',
      {
        config: partner,
        schema: {
          tags,
          summary: 'R-BC-2: edit a draft sales package',
          params: SalesPackageParams,
          body: EditSalesPackageSchema,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) => packages.edit(actorOf(req), req.params.salesPackageId, req.body),
    );

    app.post(
      '/partner/sales-packages/:salesPackageId/send',
      {
        config: partner,
        schema: {
          tags,
          summary:
            'R-BC-2: send a draft: its PDF is generated and stored with its SHA-256; the account’s agreement administrators are mailed',
          params: SalesPackageParams,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) => packages.send(actorOf(req), req.params.salesPackageId),
    );

    app.post(
      '/partner/sales-packages/:salesPackageId/withdraw',
      {
        config: partner,
        schema: {
          tags,
          summary: 'R-BC-2: withdraw a sent, unsigned sales package',
          params: SalesPackageParams,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) => packages.withdraw(actorOf(req), req.params.salesPackageId),
    );

    app.get(
      '/partner/sales-packages/:salesPackageId/document',
      {
        config: partner,
        schema: { tags, summary: 'R-BC-2: the sales package’s PDF', params: SalesPackageParams, response: { 200: PdfFile } },
      },
      async (req, reply) => {
        const p = await packages.partnerPackage(actorOf(req), req.params.salesPackageId);
        return sendPdf(reply, await packages.file(p, 'document'), 'attachment');
      },
    );

    app.get(
      '/partner/sales-packages/:salesPackageId/signed-copy',
      {
        config: partner,
        schema: {
          tags,
          summary: 'R-BC-2: the signed copy (or the paper-signed scan)',
          params: SalesPackageParams,
          response: { 200: PdfFile },
        },
      },
      async (req, reply) => {
        const p = await packages.partnerPackage(actorOf(req), req.params.salesPackageId);
        return sendPdf(reply, await packages.file(p, 'signed-copy'), 'attachment');
      },
    );

    app.get(
      '/partner/sales-packages/:salesPackageId/verify',
      {
        config: partner,
        schema: {
          tags,
          summary: 'R-BC-2: re-hash the stored files and compare with the recorded SHA-256s',
          params: SalesPackageParams,
          response: { 200: VerificationSchema },
        },
      },
      async (req) => packages.verify(await packages.partnerPackage(actorOf(req), req.params.salesPackageId)),
    );

    // ---- the customer's side ----
    app.get(
      '/purchasing-accounts/:purchasingAccountId/sales-packages',
      {
        config: viewer,
        schema: {
          tags,
          summary: 'R-BC-2: the account’s sales packages sent to it, newest first',
          params: AccountParams,
          response: { 200: SalesPackageListSchema },
        },
      },
      async (req) => packages.listForAccount(req.params.purchasingAccountId),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId',
      {
        config: viewer,
        schema: {
          tags,
          summary: 'R-BC-2: one sales package of the account',
          params: AccountSalesPackageParams,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) => packages.getForAccount(req.params.purchasingAccountId, req.params.salesPackageId),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/document',
      {
        config: viewer,
        schema: {
          tags,
          summary: 'R-BC-2: the sales package’s PDF, to review',
          params: AccountSalesPackageParams,
          response: { 200: PdfFile },
        },
      },
      async (req, reply) => {
        const p = await packages.accountPackage(req.params.purchasingAccountId, req.params.salesPackageId);
        return sendPdf(reply, await packages.file(p, 'document'), 'attachment');
      },
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/signed-copy',
      {
        config: viewer,
        schema: {
          tags,
          summary: 'R-BC-2: the signed copy (or the paper-signed scan)',
          params: AccountSalesPackageParams,
          response: { 200: PdfFile },
        },
      },
      async (req, reply) => {
        const p = await packages.accountPackage(req.params.purchasingAccountId, req.params.salesPackageId);
        return sendPdf(reply, await packages.file(p, 'signed-copy'), 'attachment');
      },
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/verify',
      {
        config: viewer,
        schema: {
          tags,
          summary: 'R-BC-2: re-hash the stored files and compare with the recorded SHA-256s',
          params: AccountSalesPackageParams,
          response: { 200: VerificationSchema },
        },
      },
      async (req) => packages.verify(await packages.accountPackage(req.params.purchasingAccountId, req.params.salesPackageId)),
    );

    app.post(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/sign',
      {
        config: signer,
        schema: {
          tags,
          summary:
            'R-BC-2: sign electronically: typed full name and consent; time, address, user agent and the SHA-256 of the stored PDF (re-hashed now) are recorded and a signed copy produced; the partner is mailed',
          params: AccountSalesPackageParams,
          body: SignSalesPackageSchema,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) =>
        packages.sign(actorOf(req), req.params.purchasingAccountId, req.params.salesPackageId, {
          fullName: req.body.fullName,
          consent: req.body.consent,
          ip: req.ip,
          userAgent: String(req.headers['user-agent'] ?? '').slice(0, 500),
        }),
    );

    app.post(
      '/purchasing-accounts/:purchasingAccountId/sales-packages/:salesPackageId/upload',
      {
        config: signer,
        bodyLimit: UPLOAD_MAX_BYTES + 1024,
        schema: {
          tags,
          summary: `R-BC-2: upload the paper-signed scan (Content-Type: application/pdf, at most ${UPLOAD_MAX_BYTES} bytes); the partner is mailed`,
          params: AccountSalesPackageParams,
          response: { 200: SalesPackageSchema },
        },
      },
      async (req) => {
        if (!(req.body instanceof Readable))
          throw new DomainError('UPLOAD_NOT_PDF', 415, 'Send the PDF’s bytes as the body, with Content-Type: application/pdf.');
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > UPLOAD_MAX_BYTES)
          throw new DomainError('UPLOAD_TOO_LARGE', 413, 'The file is larger than the limit.', { maxBytes: UPLOAD_MAX_BYTES });
        return packages.upload(actorOf(req), req.params.purchasingAccountId, req.params.salesPackageId, req.body);
      },
    );

    // ---- R-BC-3: agreements ----
    app.get(
      '/purchasing-accounts/:purchasingAccountId/agreements',
      {
        config: viewer,
        schema: {
          tags,
          summary:
            'R-BC-3: the account’s agreements, filtered by account name and number, agreement number, start date, status and location; paged',
          params: AccountParams,
          querystring: AgreementQuery,
          response: { 200: AgreementPageSchema },
        },
      },
      async (req) => agreements.forAccount(req.params.purchasingAccountId, req.query),
    );

    app.get(
      '/business-center/agreements',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary:
            'R-BC-3: the agreements of every purchasing account on which I may view agreements, filtered as the account’s list; paged',
          querystring: AgreementQuery,
          response: { 200: AgreementPageSchema },
        },
      },
      async (req) => agreements.forUser(actorOf(req), req.query),
    );

    app.put(
      '/purchasing-accounts/:purchasingAccountId/agreements/:agreementId/anniversary-month',
      {
        config: manager,
        schema: {
          tags,
          summary: 'R-BC-3: set the anniversary month (1–12) of an active agreement; audited, the account’s managers and partner mailed',
          params: AccountAgreementParams,
          body: AnniversaryMonthSchema,
          response: { 200: AnniversaryMonthSchema },
        },
      },
      async (req) => agreements.setAnniversaryMonth(actorOf(req), req.params.purchasingAccountId, req.params.agreementId, req.body.month),
    );

    app.patch(
      '/purchasing-accounts/:purchasingAccountId/profile',
      {
        config: manager,
        schema: {
          tags,
          summary: 'R-BC-3: edit the purchasing account’s address and/or contact; audited, the account’s managers and partner mailed',
          params: AccountParams,
          body: AccountProfileSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await agreements.editProfile(actorOf(req), req.params.purchasingAccountId, req.body);
        return reply.status(204).send(null);
      },
    );
  };
}
