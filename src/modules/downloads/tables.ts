import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { organization, user } from '../identity/tables.js';
import { DOWNLOAD_FORMATS } from './rules.js';
import { DOWNLOAD_METHODS } from './signed-link.js';

export const downloadFormatEnum = pgEnum('download_format', DOWNLOAD_FORMATS);
/** R-DL-3: the download method a user chose (web browser or the download manager). */
export const downloadMethodEnum = pgEnum('download_method', DOWNLOAD_METHODS);

/**
 * A file of a product in one language, operating system and architecture (R-DL-3). The bytes
 * live in the blob store under `blob_key`, a generated id; the name is only ever sent in
 * Content-Disposition. A deleted file keeps its row (its downloads stay on record).
 */
export const downloadFile = pgTable(
  'download_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    fileName: text('file_name').notNull(),
    /** BCP 47 language, lower case ("en", "sv", "pt-br"), or "mul" for a multilingual file. */
    language: text('language').notNull(),
    /** Operating system type ("WINDOWS", "LINUX", "MACOS"). */
    os: text('os').notNull(),
    /** "X64", "X86", "ARM64", or "NEUTRAL". */
    architecture: text('architecture').notNull(),
    format: downloadFormatEnum('format').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Lower-case hex; also the strong ETag. */
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => user.id),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('download_file_blob_key').on(t.blobKey),
    // One live file of a name per product, language, system and architecture: uploading it twice is a conflict.
    uniqueIndex('download_file_name_key').on(t.productId, t.language, t.os, t.architecture, t.fileName).where(sql`${t.deletedAt} is null`),
    index('download_file_product_idx').on(t.productId, t.language, t.os).where(sql`${t.deletedAt} is null`),
    check('download_file_size_positive', sql`${t.size} > 0`),
  ],
);

/** R-DL-6: the "More" panel of a product: version notes, special instructions, system requirements. */
export const downloadInfo = pgTable('download_info', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => product.id),
  versionNotes: text('version_notes'),
  specialInstructions: text('special_instructions'),
  systemRequirements: text('system_requirements'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => user.id),
});

/** Every download request served, with the range asked for: one row per request, resumes included. */
export const downloadEvent = pgTable(
  'download_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => downloadFile.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    /** The downloader's organization, so the table can be distributed by organization later. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    method: downloadMethodEnum('method').notNull(),
    /** 200 (whole file) or 206 (ranges). */
    status: integer('status').notNull(),
    /** The Range header as received (bounded), null for a whole-file request. */
    range: text('range'),
    /** Bytes the response carries. */
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('download_event_file_idx').on(t.fileId, t.at), index('download_event_user_idx').on(t.userId, t.at)],
);

/** R-DL-3: a user's download settings, remembered between visits. */
export const downloadSettings = pgTable('download_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => user.id),
  method: downloadMethodEnum('method').notNull().default('BROWSER'),
  language: text('language').notNull(),
  os: text('os').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
