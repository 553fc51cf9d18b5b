import type { Readable } from 'node:stream';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { BlobChecksumMismatch, type BlobStore, BlobTooLarge } from '../../platform/storage/blob-store.js';
import { product } from '../catalog/tables.js';
import { liveFiles } from './files.js';
import { fileNameAcceptable } from './rules.js';
import type { DownloadInfoBody, UploadQuery } from './schemas.js';
import { downloadFile, downloadInfo } from './tables.js';

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export interface Upload {
  body: Readable;
  /** The client's X-Checksum-Sha256, when it sent one. */
  checksum?: string;
  /** The Content-Length, when known: a file too large is refused before a byte is stored. */
  length?: number;
}

/** The publisher's back office for download files: upload (hashed on the way in), list, delete, "More" text. */
export function createDownloadFilesService({ db, blobs, maxBytes }: { db: Db; blobs: BlobStore; maxBytes: number }) {
  async function productFor(productId: string) {
    const [p] = await db.select({ id: product.id, isCal: product.isCal }).from(product).where(eq(product.id, productId));
    if (!p) throw notFound('product');
    return p;
  }

  return {
    async upload(actor: Actor, productId: string, q: UploadQuery, upload: Upload) {
      // Refusals first, before the body is read: a wrong request costs nothing to store.
      if (!fileNameAcceptable(q.name)) {
        throw invalid('INVALID_FILE_NAME', 'A file name may not contain path separators, "..", control characters or a leading dot.');
      }
      const p = await productFor(productId);
      if (p.isCal) throw invalid('CAL_HAS_NO_DOWNLOAD', 'A Client Access License has no download.');
      if (upload.checksum !== undefined && !SHA256_HEX.test(upload.checksum)) {
        throw invalid('CHECKSUM_MISMATCH', 'X-Checksum-Sha256 must be 64 hexadecimal characters.');
      }
      if (upload.length !== undefined && upload.length > maxBytes) {
        throw new DomainError('PAYLOAD_TOO_LARGE', 413, `A file may have at most ${maxBytes} bytes.`);
      }
      const identity = and(
        eq(downloadFile.productId, productId),
        eq(downloadFile.language, q.language),
        eq(downloadFile.os, q.os),
        eq(downloadFile.architecture, q.arch),
        eq(downloadFile.fileName, q.name),
        isNull(downloadFile.deletedAt),
      );
      const taken = () => conflict('DOWNLOAD_FILE_EXISTS', 'The product already has this file for this language, system and architecture.');
      if ((await db.select({ id: downloadFile.id }).from(downloadFile).where(identity)).length) throw taken();

      let stored: Awaited<ReturnType<BlobStore['put']>>;
      try {
        stored = await blobs.put(upload.body, { maxBytes, ...(upload.checksum ? { expectedSha256: upload.checksum } : {}) });
      } catch (e) {
        if (e instanceof BlobChecksumMismatch) {
          throw invalid('CHECKSUM_MISMATCH', `The file's SHA-256 is ${e.actual}, not ${e.expected}; nothing was kept.`);
        }
        if (e instanceof BlobTooLarge) throw new DomainError('PAYLOAD_TOO_LARGE', 413, `A file may have at most ${maxBytes} bytes.`);
        throw e;
      }
      if (stored.size === 0) {
        await blobs.delete(stored.key);
        throw invalid('EMPTY_FILE', 'The file is empty.');
      }
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(downloadFile)
            .values({
              productId,
              fileName: q.name,
              language: q.language,
              os: q.os,
              architecture: q.arch,
              format: q.format,
              size: stored.size,
              sha256: stored.sha256,
              blobKey: stored.key,
              createdBy: actor.userId,
            })
            .returning();
          if (!row) throw new Error('insert returned nothing');
          const view = {
            id: row.id,
            productId,
            name: row.fileName,
            language: row.language,
            os: row.os,
            architecture: row.architecture,
            format: row.format,
            size: row.size,
            sha256: row.sha256,
            createdAt: row.createdAt,
          };
          await audit(tx, actor, { action: 'downloads.file.upload', targetType: 'download_file', targetId: row.id, after: view });
          return view;
        });
      } catch (e) {
        // The row was not written: the bytes must not stay behind either.
        await blobs.delete(stored.key);
        if (isUniqueViolation(e)) throw taken();
        throw e;
      }
    },

    async list(productId: string) {
      await productFor(productId);
      return liveFiles(db, productId);
    },

    /** The row stays (its downloads stay on record); the bytes go once the deletion has committed. */
    async remove(actor: Actor, fileId: string) {
      const removed = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(downloadFile)
          .set({ deletedAt: sql`now()` })
          .where(and(eq(downloadFile.id, fileId), isNull(downloadFile.deletedAt)))
          .returning();
        if (!row) throw notFound('file');
        await audit(tx, actor, {
          action: 'downloads.file.delete',
          targetType: 'download_file',
          targetId: row.id,
          before: { productId: row.productId, name: row.fileName, language: row.language, os: row.os, sha256: row.sha256 },
        });
        return row;
      });
      await blobs.delete(removed.blobKey);
    },

    /** R-DL-6: the "More" panel's text; all three empty removes it. */
    async saveInfo(actor: Actor, productId: string, body: DownloadInfoBody) {
      await productFor(productId);
      const clean = (s: string | null) => (s === null || s === '' ? null : s);
      const next = {
        versionNotes: clean(body.versionNotes),
        specialInstructions: clean(body.specialInstructions),
        systemRequirements: clean(body.systemRequirements),
      };
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(downloadInfo).where(eq(downloadInfo.productId, productId));
        await tx
          .insert(downloadInfo)
          .values({ productId, ...next, updatedBy: actor.userId })
          .onConflictDoUpdate({ target: downloadInfo.productId, set: { ...next, updatedBy: actor.userId, updatedAt: sql`now()` } });
        await audit(tx, actor, {
          action: 'downloads.info.update',
          targetType: 'product',
          targetId: productId,
          before: before
            ? {
                versionNotes: before.versionNotes,
                specialInstructions: before.specialInstructions,
                systemRequirements: before.systemRequirements,
              }
            : null,
          after: next,
        });
        return next;
      });
    },
  };
}
