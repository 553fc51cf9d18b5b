import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { downloadFile, downloadInfo } from './tables.js';

/** A product's live files, as the catalog and the back office list them. */
export async function liveFiles(db: DbOrTx, productId: string) {
  return db
    .select({
      id: downloadFile.id,
      productId: downloadFile.productId,
      name: downloadFile.fileName,
      language: downloadFile.language,
      os: downloadFile.os,
      architecture: downloadFile.architecture,
      format: downloadFile.format,
      size: downloadFile.size,
      sha256: downloadFile.sha256,
      createdAt: downloadFile.createdAt,
    })
    .from(downloadFile)
    .where(and(eq(downloadFile.productId, productId), isNull(downloadFile.deletedAt)))
    .orderBy(asc(downloadFile.language), asc(downloadFile.os), asc(downloadFile.architecture), asc(downloadFile.fileName));
}

export type LiveFile = Awaited<ReturnType<typeof liveFiles>>[number];

/** R-DL-6: the "More" panel, or null when the publisher wrote nothing in it. */
export async function moreInfo(db: DbOrTx, productId: string) {
  const [row] = await db
    .select({
      versionNotes: downloadInfo.versionNotes,
      specialInstructions: downloadInfo.specialInstructions,
      systemRequirements: downloadInfo.systemRequirements,
    })
    .from(downloadInfo)
    .where(eq(downloadInfo.productId, productId));
  if (!row || (!row.versionNotes && !row.specialInstructions && !row.systemRequirements)) return null;
  return row;
}
