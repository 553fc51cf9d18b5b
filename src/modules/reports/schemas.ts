import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
import { CursorParam } from '../../platform/http/cursor.js';
import { PoolSchema } from '../catalog/schemas.js';
import { ExpirySchema, LicenseTypeSchema, SummaryRowSchema } from '../orders/schemas.js';
import {
  AffiliateRoleSchema,
  AgreementRefSchema,
  ContactTypeSchema,
  LicensingIdDetailSchema,
  LicensingIdKindSchema,
  LifecycleStatusSchema,
} from '../relationship/schemas.js';
import { COLUMN_TYPES, FILTER_TYPES, REPORT_GROUPS } from './standard/report.js';

/** R-REL-5: a section the user may not see answers `{ visible: false }` and nothing else; the portal dims it. */
const section = <T extends z.ZodRawShape>(shape: T) =>
  z.discriminatedUnion('visible', [z.object({ visible: z.literal(true), ...shape }), z.object({ visible: z.literal(false) })]);

const ContactSchema = z.object({ type: ContactTypeSchema, name: z.string(), email: z.string() });

const ListedLicensingIdSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  kind: LicensingIdKindSchema,
  programCode: z.string(),
  status: LifecycleStatusSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  affiliateRole: AffiliateRoleSchema.nullable(),
});

const ProductRefSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  family: z.string(),
  version: z.string(),
  edition: z.string(),
  pool: PoolSchema,
});

export const LicensingIdReportSchema = z.object({
  licensingId: LicensingIdDetailSchema.extend({
    roles: z.array(z.enum(ROLES)),
    affiliateRole: AffiliateRoleSchema.nullable(),
    priceLevel: z.string().nullable(),
    expiry: ExpirySchema,
    /** R-REL-2: an Open program, which has neither a parent agreement nor an MBSA. */
    openProgram: z.boolean(),
  }),
  contacts: z.array(ContactSchema),
  channelPartner: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** The License Summary of this Licensing ID alone (its unresolved quantities may be off: bases can sit on other IDs). */
  relatedLicenses: section({ asOf: z.string(), rows: z.array(SummaryRowSchema) }),
  orders: section({
    items: z.array(
      z.object({
        id: z.uuid(),
        orderNumber: z.string(),
        orderDate: z.string(),
        receivedAt: z.date(),
        lineCount: z.number().int(),
        totalQuantity: z.number().int(),
      }),
    ),
  }),
  orderDetails: section({
    items: z.array(
      z.object({
        orderNumber: z.string(),
        orderDate: z.string(),
        line: z.number().int(),
        product: ProductRefSchema,
        licenseType: LicenseTypeSchema,
        quantity: z.number().int(),
        coverageStart: z.string(),
        coverageEnd: z.string().nullable(),
        countsFrom: z.string(),
        grant: z.boolean(),
      }),
    ),
    truncated: z.boolean(),
  }),
  purchaseHistory: section({
    items: z.array(
      z.object({
        product: ProductRefSchema,
        licenseType: LicenseTypeSchema,
        grant: z.boolean(),
        quantity: z.number().int(),
        orderCount: z.number().int(),
        firstOrderDate: z.string(),
        lastOrderDate: z.string(),
      }),
    ),
  }),
  /** Select Plus only (null otherwise): the lead affiliate sees the participating affiliates; a participating one sees it dimmed. */
  affiliates: section({ items: z.array(ListedLicensingIdSchema) }).nullable(),
  /** For the portal's links: whether each report exists for this Licensing ID and whether the user may open it. */
  reports: z.object({
    parent: z.object({ offered: z.boolean(), visible: z.boolean() }),
    mbsa: z.object({ offered: z.boolean(), visible: z.boolean() }),
  }),
});

const ListedOrDimmed = z.discriminatedUnion('visible', [
  ListedLicensingIdSchema.extend({ visible: z.literal(true) }),
  z.object({ visible: z.literal(false) }),
]);

export const ParentReportSchema = z.object({
  agreement: AgreementRefSchema,
  contacts: z.array(ContactSchema),
  licensingIds: z.array(ListedOrDimmed),
});

export const MbsaReportSchema = z.object({
  mbsa: AgreementRefSchema,
  contacts: z.array(ContactSchema),
  parents: z.array(z.object({ agreement: AgreementRefSchema, licensingIds: z.array(ListedOrDimmed) })),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(ListedLicensingIdSchema, { id: 'ListedLicensingId' });
z.globalRegistry.add(LicensingIdReportSchema, { id: 'LicensingIdReport' });
z.globalRegistry.add(ParentReportSchema, { id: 'ParentReport' });
z.globalRegistry.add(MbsaReportSchema, { id: 'MbsaReport' });

// R-REP-1…4: the standard reports' catalogue, runs and custom reports.

export const ReportGroupSchema = z.enum(REPORT_GROUPS);
export const ReportColumnSchema = z.object({
  id: z.string(),
  type: z.enum(COLUMN_TYPES),
  required: z.boolean(),
  selected: z.boolean(),
  currencyColumn: z.string().nullable(),
});
export const ReportFilterSchema = z.object({
  id: z.string(),
  type: z.enum(FILTER_TYPES),
  primary: z.boolean(),
  values: z.array(z.string()).nullable(),
});
export const ReportDefinitionSchema = z.object({
  id: z.string(),
  group: ReportGroupSchema,
  columns: z.array(ReportColumnSchema),
  filters: z.array(ReportFilterSchema),
});
export const ReportCatalogueSchema = z.object({
  groups: z.array(z.object({ group: ReportGroupSchema, reports: z.array(ReportDefinitionSchema) })),
});

const ReportIdParam = z.string().min(1).max(100).describe('A standard report’s id (from GET /reports)');
export const ReportParamsSchema = z.object({ report: ReportIdParam });

/** A filter's value by its id: text, one of an enum's values, `from..to` (YYYY-MM-DD, either side may be empty). */
export const ReportFiltersSchema = z.record(z.string().min(1).max(100), z.string().max(200));
const ColumnIdsSchema = z.array(z.string().min(1).max(100)).max(100);

export const ReportRunBodySchema = z.object({
  filters: ReportFiltersSchema.default({}),
  columns: ColumnIdsSchema.optional().describe(
    'The columns to show, by id; required columns are always shown. Absent: the default selection',
  ),
  limit: z.number().int().min(1).max(500).default(50),
  cursor: CursorParam.optional(),
});
export const CustomReportRunBodySchema = ReportRunBodySchema.pick({ limit: true, cursor: true });

export const ReportValueSchema = z.union([z.string(), z.number(), z.null()]);
export const ReportResultSchema = z.object({
  report: z.string(),
  columns: z.array(ReportColumnSchema),
  rows: z.array(z.record(z.string(), ReportValueSchema)),
  /** Every record the filters match (beyond the cap too). */
  total: z.number().int(),
  /** R-REP-4: more than 10,000 records match; only the first 10,000 are shown or exported. */
  truncated: z.boolean(),
  nextCursor: z.string().nullable(),
});

export const ReportExportQuerySchema = z
  .looseObject({
    format: z.enum(['xlsx', 'csv']).default('xlsx'),
    columns: z.string().max(2000).optional().describe('Comma-separated column ids; absent: the default selection'),
  })
  .describe('Any other parameter is a filter of the report, by its id');
export const CustomReportExportQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

const NameSchema = z.string().trim().min(1).max(100);
const DescriptionSchema = z.string().trim().max(500).nullable();
export const CustomReportSchema = z.object({
  id: z.uuid(),
  baseReport: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  filters: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const CustomReportListSchema = z.object({ items: z.array(CustomReportSchema) });
export const CustomReportCreateSchema = z.object({
  baseReport: ReportIdParam,
  name: NameSchema,
  description: DescriptionSchema.optional(),
  filters: ReportFiltersSchema.default({}),
  columns: ColumnIdsSchema.min(1),
});
export const CustomReportPatchSchema = z.object({
  name: NameSchema.optional(),
  description: DescriptionSchema.optional(),
  filters: ReportFiltersSchema.optional(),
  columns: ColumnIdsSchema.min(1).optional(),
});
export const CustomReportParamsSchema = z.object({ id: z.uuid() });

z.globalRegistry.add(ReportColumnSchema, { id: 'ReportColumn' });
z.globalRegistry.add(ReportFilterSchema, { id: 'ReportFilter' });
z.globalRegistry.add(ReportDefinitionSchema, { id: 'ReportDefinition' });
z.globalRegistry.add(ReportCatalogueSchema, { id: 'ReportCatalogue' });
z.globalRegistry.add(ReportResultSchema, { id: 'ReportResult' });
z.globalRegistry.add(CustomReportSchema, { id: 'CustomReport' });
