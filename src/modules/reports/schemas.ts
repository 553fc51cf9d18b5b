import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
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
