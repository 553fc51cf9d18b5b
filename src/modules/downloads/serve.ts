import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import { type MetricsRecorder, NO_METRICS } from '../../platform/metrics/registry.js';
import { type BlobStore, type ByteRange, isRecyclable } from '../../platform/storage/blob-store.js';
import { catalogProduct } from './catalog.js';
import type { Delivery } from './delivery.js';
import {
  attachmentDisposition,
  contentRange,
  multipartLayout,
  type RequestValidators,
  selectResponse,
  strongEtag,
  unsatisfiedRange,
} from './http-range.js';
import { downloadScope } from './scope.js';
import type { DownloadMethod, LinkQuery, LinkSigner } from './signed-link.js';
import { downloadEvent, downloadFile } from './tables.js';

export const CONTENT_TYPES: Record<string, string> = {
  EXE: 'application/vnd.microsoft.portable-executable',
  ISO: 'application/x-iso9660-image',
  MSI: 'application/x-msi',
  ZIP: 'application/zip',
};

/** The Range header as recorded: enough to see what was asked, bounded so a hostile header is not stored whole. */
const RECORDED_RANGE_MAX = 200;

interface Downloader {
  userId: string;
  organizationId: string;
  method: DownloadMethod;
}

/** Bytes sent are added to the metrics at least this often, so a long download shows in the rate while it runs. */
const BYTES_REPORTED_EVERY = 8 * 1024 * 1024;

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

/** Resolves when the response takes more data, or will never take any (the client went away). */
const writable = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const go = () => {
      res.off('drain', go);
      res.off('close', go);
      resolve();
    };
    res.on('drain', go);
    res.on('close', go);
  });

/**
 * Writes the body to the response with a callback per chunk, and gives each chunk of a
 * RecyclableReadable back once the socket has it, so a download reads into the same few buffers
 * from start to end. Fastify's reply.send(stream) pipes, and a pipe never says when a chunk is
 * written: every chunk is then a new buffer, whose churn sends V8 into full garbage collections
 * (see FileStream in fs-blob-store.ts). The headers and status are the reply's, as Fastify would
 * send them, and Fastify still logs the request and runs onResponse when the response finishes;
 * only onSend hooks never see this body (the app registers none that applies here).
 */
async function writeBody(reply: FastifyReply, body: Readable, onSent: (bytes: number) => void): Promise<void> {
  const res = reply.raw;
  const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let unreported = 0;
  try {
    // Read before a header goes out, so that a file that cannot be read still gets a problem response.
    let next = await chunks.next();
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    const recycle = isRecyclable(body) ? (chunk: Buffer) => () => body.recycle(chunk) : () => undefined;
    while (!next.done) {
      unreported += next.value.length;
      if (unreported >= BYTES_REPORTED_EVERY) {
        onSent(unreported);
        unreported = 0;
      }
      if (!res.write(next.value, recycle(next.value)) && !res.destroyed) await writable(res);
      if (res.destroyed) {
        // The client went away; logged as Fastify logs it for a stream it pipes.
        reply.log.info({ res: reply }, 'stream closed prematurely');
        return;
      }
      next = await chunks.next();
    }
    res.end();
  } catch (e) {
    if (!res.headersSent) throw e;
    // After the first byte the client can only see the cut.
    reply.log.warn({ err: e }, 'response terminated with an error with headers already sent');
    res.destroy();
  } finally {
    onSent(unreported);
    body.destroy();
  }
}

/**
 * `GET|HEAD /files/{fileId}/content`: the file's bytes from the blob store, streamed (never
 * buffered), with Range / If-Range / ETag so browsers, `curl -C -`, `wget -c` and the download
 * manager resume. The credential is the signed link, or else the session of a user who may
 * download the product. Every GET that sends bytes is recorded, one row per request.
 */
export function createFileServer(deps: {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  signer: LinkSigner;
  metrics?: MetricsRecorder | undefined;
  /** Default: the node streams the bytes itself. */
  delivery?: Delivery | undefined;
}) {
  const { db, clock, blobs, signer } = deps;
  const delivery = deps.delivery ?? { kind: 'stream' };
  const metrics = deps.metrics ?? NO_METRICS;

  async function mayDownload(userId: string, productId: string) {
    const scope = await downloadScope(db, userId);
    if (!scope || scope.scope === 'NONE') return { scope, allowed: false };
    return { scope, allowed: (await catalogProduct(db, scope, productId)) !== undefined };
  }

  /** Who is downloading: the link's user (still allowed now), else the session's (R-DL-1, R-DL-2). */
  async function downloader(fileId: string, productId: string, q: LinkQuery, actor: Actor | null): Promise<Downloader> {
    const linked = q.signature !== undefined || q.expires !== undefined || q.user !== undefined;
    if (linked) {
      const check = signer.verify(fileId, q, clock.now());
      if (!check.ok) {
        throw new DomainError(
          check.code,
          403,
          check.code === 'LINK_EXPIRED' ? 'This download link has expired; ask for a new one.' : 'This download link is not valid.',
        );
      }
      const { scope, allowed } = await mayDownload(check.claims.userId, productId);
      if (!scope || !allowed) throw forbidden('downloads.get');
      return { userId: check.claims.userId, organizationId: scope.organizationId, method: check.claims.method };
    }
    if (!actor) throw unauthenticated();
    const { scope, allowed } = await mayDownload(actor.userId, productId);
    if (!scope || scope.scope === 'NONE') throw forbidden('downloads.get');
    if (!allowed) throw notFound('file');
    return { userId: actor.userId, organizationId: actor.organizationId, method: 'BROWSER' };
  }

  async function multipart(key: string, layout: ReturnType<typeof multipartLayout>): Promise<Readable> {
    return Readable.from(
      (async function* () {
        for (const part of layout.parts) {
          yield Buffer.from(part.head);
          yield* await blobs.get(key, part.range);
        }
        yield Buffer.from(layout.tail);
      })(),
      { objectMode: false },
    );
  }

  return async function serve(req: FastifyRequest, reply: FastifyReply, fileId: string, query: LinkQuery): Promise<void> {
    const [file] = await db
      .select()
      .from(downloadFile)
      .where(and(eq(downloadFile.id, fileId), isNull(downloadFile.deletedAt)));
    if (!file) throw notFound('file');
    const who = await downloader(file.id, file.productId, query, req.actor);

    let rep = { size: file.size, etag: strongEtag(file.sha256), lastModified: file.createdAt };
    const validators: RequestValidators = {
      method: req.method === 'HEAD' ? 'HEAD' : 'GET',
      range: single(req.headers.range),
      ifRange: single(req.headers['if-range']),
      ifNoneMatch: single(req.headers['if-none-match']),
      ifModifiedSince: single(req.headers['if-modified-since']),
    };
    // Handed off, the bytes come with the store's (or nginx's) validators, not ours: the conditions
    // are theirs to judge. The node still reads Range, to refuse what no store could satisfy and to
    // record what was asked for.
    let handedOff = delivery.kind !== 'stream' && validators.method === 'GET';
    let selected = selectResponse(
      handedOff
        ? { method: 'GET', range: validators.range, ifRange: undefined, ifNoneMatch: undefined, ifModifiedSince: undefined }
        : validators,
      rep,
    );
    // S3 answers one range per GET: several ranges (multipart/byteranges) are streamed from here as before.
    if (delivery.kind === 'redirect' && selected.status === 206 && selected.ranges.length > 1) handedOff = false;
    if (delivery.kind === 'redirect' && !handedOff) {
      // Answered here (HEAD, several ranges) while every other GET goes to the store: the client must
      // see the store's ETag, Last-Modified and length, or its next If-Range or If-None-Match there
      // would never hold and a resume would start over.
      const object = await delivery.head(file.blobKey);
      if (!object) throw notFound('file');
      rep = object;
      selected = selectResponse(validators, rep);
    }

    const type = CONTENT_TYPES[file.format] ?? 'application/octet-stream';
    const record = (length: number) =>
      db.insert(downloadEvent).values({
        fileId: file.id,
        userId: who.userId,
        organizationId: who.organizationId,
        method: who.method,
        status: selected.status,
        range: selected.status === 206 ? (validators.range ?? '').slice(0, RECORDED_RANGE_MAX) : null,
        bytes: length,
      });

    if (handedOff && (selected.status === 200 || selected.status === 206)) {
      // Recorded as asked (the store answers the same Range the same way). The metrics' bytes
      // counter counts what this node sends, so it stays at zero for these.
      const length = selected.status === 200 ? file.size : selected.ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
      if (delivery.kind === 'redirect') {
        const location = await delivery.url(file.blobKey, {
          contentDisposition: attachmentDisposition(file.fileName),
          contentType: type,
          signedAt: clock.now(),
        });
        await record(length);
        metrics.downloadStarted(selected.status);
        reply.status(302).header('location', location).header('cache-control', 'no-store').send();
        return;
      }
      if (delivery.kind === 'accel') {
        await record(length);
        metrics.downloadStarted(selected.status);
        // nginx answers the original request, its Range included, from the internal location, with
        // its own status, length and validators; the headers set here are the ones it keeps or adds.
        reply
          .status(200)
          .type(type)
          .header('content-disposition', attachmentDisposition(file.fileName))
          .header('cache-control', 'private, no-cache')
          .header('x-checksum-sha256', file.sha256)
          .header('x-content-type-options', 'nosniff')
          .header('x-accel-redirect', delivery.location(file.blobKey))
          .send();
        return;
      }
    }

    reply
      .header('accept-ranges', 'bytes')
      .header('etag', rep.etag)
      .header('last-modified', rep.lastModified.toUTCString())
      .header('cache-control', 'private, no-cache')
      .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
      .header('x-checksum-sha256', file.sha256)
      .header('x-content-type-options', 'nosniff');

    if (selected.status === 304) {
      reply.status(304).send();
      return;
    }
    if (selected.status === 416) {
      reply.header('content-range', unsatisfiedRange(file.size));
      throw new DomainError('RANGE_NOT_SATISFIABLE', 416, `The file has ${file.size} bytes; no requested range lies within it.`);
    }

    reply.header('content-disposition', attachmentDisposition(file.fileName));
    let length = file.size;
    let body: () => Promise<Readable>;
    if (selected.status === 200) {
      reply.status(200).type(type);
      body = () => blobs.get(file.blobKey);
    } else if (selected.ranges.length === 1) {
      const range = selected.ranges[0] as ByteRange;
      length = range.end - range.start + 1;
      reply.status(206).type(type).header('content-range', contentRange(range, file.size));
      body = () => blobs.get(file.blobKey, range);
    } else {
      const layout = multipartLayout(selected.ranges, file.size, type, randomBytes(12).toString('hex'));
      length = layout.contentLength;
      reply.status(206).type(layout.contentType);
      body = () => multipart(file.blobKey, layout);
    }
    reply.header('content-length', String(length));
    if (validators.method === 'HEAD') {
      reply.send();
      return;
    }

    const stream = await body();
    try {
      await record(length);
    } catch (e) {
      stream.destroy(); // its file stays open otherwise
      throw e;
    }
    metrics.downloadStarted(selected.status);
    await writeBody(reply, stream, metrics.downloadBytes);
  };
}
