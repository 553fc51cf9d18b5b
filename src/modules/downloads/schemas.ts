import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { PoolSchema } from '../catalog/schemas.js';
import { DOWNLOAD_FORMATS } from './rules.js';
import { DOWNLOAD_METHODS } from './signed-link.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** BCP 47 language tag, lower case: "en", "sv", "pt-br"; "mul" for a multilingual file. */
export const LanguageSchema = z
  .string()
  .trim()
  .max(20)
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'a language tag such as en, sv or pt-br');
/** Operating system type or architecture: upper-case words ("WINDOWS", "LINUX", "X64", "ARM64", "NEUTRAL"). */
const UpperCode = z
  .string()
  .trim()
  .max(20)
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'an upper-case code such as WINDOWS or X64');
export const OsSchema = UpperCode;
export const ArchitectureSchema = UpperCode;
export const FormatSchema = z.enum(DOWNLOAD_FORMATS);
export const MethodSchema = z.enum(DOWNLOAD_METHODS);

const VersionRef = z.object({ productId: z.uuid(), version: z.string(), name: z.string() });

/** One product of the Downloads and Keys catalog (R-DL-2, R-DL-4, R-DL-7, R-LIC-5). */
export const CatalogItemSchema = z.object({
  productId: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.string(),
  edition: z.string(),
  family: z.string(),
  category: z.string(),
  pool: PoolSchema,
  /** R-LIC-5: held only through a grant (a promotion): the portal marks it with an asterisk. */
  granted: z.boolean(),
  isCal: z.boolean(),
  /** R-DL-4: false for a CAL; false too while the publisher has uploaded no file. */
  hasDownload: z.boolean(),
  requiresKey: z.boolean(),
  /** R-DL-7: prior versions under downgrade rights, nearest first. */
  priorVersions: z.array(VersionRef),
});

export const CatalogQuerySchema = z.object({
  /** R-DL-6: one or more categories (repeat the parameter). */
  category: z.union([Text(80), z.array(Text(80)).max(20)]).optional(),
  /** R-DL-6: every word must appear in the name or product code. */
  q: Text(100).optional(),
  cursor: CursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const CatalogPageSchema = z.object({ items: z.array(CatalogItemSchema), nextCursor: z.string().nullable() });

export const CategoriesSchema = z.object({ items: z.array(z.object({ name: z.string(), count: z.number().int() })) });

export const SuggestQuerySchema = z.object({ q: Text(100) });
export const SuggestionsSchema = z.object({ items: z.array(z.object({ productId: z.uuid(), name: z.string() })) });

export const ProductParams = z.object({ productId: z.uuid() });
export const FileParams = z.object({ fileId: z.uuid() });

export const DetailQuerySchema = z.object({ language: LanguageSchema.optional(), os: OsSchema.optional() });

export const FileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  language: z.string(),
  os: z.string(),
  architecture: z.string(),
  format: FormatSchema,
  size: z.number().int(),
  sha256: z.string(),
});

export const MoreSchema = z.object({
  versionNotes: z.string().nullable(),
  specialInstructions: z.string().nullable(),
  systemRequirements: z.string().nullable(),
});

export const ProductDownloadSchema = CatalogItemSchema.extend({
  /** R-DL-6: the "More" panel; null when the publisher wrote nothing. */
  more: MoreSchema.nullable(),
  /** R-DL-3: what the settings drop-downs offer, and the language/system pairs that have files. */
  options: z.object({
    languages: z.array(z.string()),
    os: z.array(z.string()),
    formats: z.array(z.string()),
    combinations: z.array(z.object({ language: z.string(), os: z.string() })),
  }),
  /** The settings the files below are for: the query's, else the user's saved ones. */
  selected: z.object({ language: z.string(), os: z.string(), method: MethodSchema }),
  /** R-DL-3: false → "This product is not available for download." */
  available: z.boolean(),
  /** The bundle: every file of the product for the selected language and system, downloadable together. */
  files: z.array(FileSchema),
  bundle: z.object({ fileCount: z.number().int(), totalSize: z.number().int() }),
  /** R-KEY-2: the setup keys of the user's Licensing IDs (only where they hold Product Keys or Administrator). */
  setupKeys: z.array(z.string()),
  /** Whether the user holds Product Keys or Administrator anywhere: if not, setupKeys is empty for that reason. */
  keysVisible: z.boolean(),
});

export const SettingsSchema = z.object({ method: MethodSchema, language: LanguageSchema, os: OsSchema });

export const LinksBodySchema = z
  .object({
    fileIds: z.array(z.uuid()).min(1).max(100).optional(),
    language: LanguageSchema.optional(),
    os: OsSchema.optional(),
    /** Recorded with each download; default: the user's setting. */
    method: MethodSchema.optional(),
  })
  .refine(
    (b) => (b.fileIds !== undefined ? b.language === undefined && b.os === undefined : b.language !== undefined && b.os !== undefined),
    {
      message: 'give either fileIds, or language and os',
    },
  );

export const LinkSchema = z.object({
  fileId: z.uuid(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  url: z.string(),
  expiresAt: z.date(),
});
export const LinksSchema = z.object({ items: z.array(LinkSchema) });

/** The signed link's query; absent, a session with downloads.get on the product is the credential. */
/** A signed link's query, as it was signed: not trimmed, since another spelling is another link. */
export const ContentQuerySchema = z.object({
  expires: z.string().max(20).optional(),
  user: z.string().max(40).optional(),
  method: z.string().max(10).optional(),
  signature: z.string().max(100).optional(),
});

export const UploadQuerySchema = z.object({
  /** Checked by the service (INVALID_FILE_NAME), so that path tricks get their own code. */
  name: z.string().max(1000),
  language: LanguageSchema,
  os: OsSchema,
  arch: ArchitectureSchema,
  format: FormatSchema,
});

export const OperatorFileSchema = FileSchema.extend({ productId: z.uuid(), createdAt: z.date() });

const LongText = z.string().trim().max(20_000).nullable().default(null);
export const DownloadInfoBodySchema = z.object({
  versionNotes: LongText,
  specialInstructions: LongText,
  systemRequirements: LongText,
});

export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type LinksBody = z.infer<typeof LinksBodySchema>;
export type UploadQuery = z.infer<typeof UploadQuerySchema>;
export type DownloadInfoBody = z.infer<typeof DownloadInfoBodySchema>;

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(CatalogItemSchema, { id: 'CatalogItem' });
z.globalRegistry.add(CatalogPageSchema, { id: 'CatalogPage' });
z.globalRegistry.add(FileSchema, { id: 'DownloadFile' });
z.globalRegistry.add(ProductDownloadSchema, { id: 'ProductDownload' });
z.globalRegistry.add(SettingsSchema, { id: 'DownloadSettings' });
z.globalRegistry.add(LinkSchema, { id: 'DownloadLink' });

export const MonthlyQuerySchema = z.object({ licensingId: z.uuid().optional().describe('only this Licensing ID (one I may download on)') });
export const MonthlySchema = z.object({
  licensingId: z.uuid().nullable(),
  months: z.array(z.object({ month: z.string().describe('YYYY-MM (UTC)'), count: z.number().int() })),
});
