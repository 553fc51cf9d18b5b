import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
import { ExpirySchema, SummaryRowSchema } from '../orders/schemas.js';
import { AgreementRefSchema, LicensingIdDetailSchema } from './schemas.js';
import { contactTypeEnum } from './tables.js';

/** R-REL-5: a section the user may not see answers `{ visible: false }` and nothing else; the portal dims it. */
const section = <T extends z.ZodRawShape>(shape: T) =>
  z.discriminatedUnion('visible', [z.object({ visible: z.literal(true), ...shape }), z.object({ visible: z.literal(false) })]);

const ContactSchema = z.object({ type: z.enum(contactTypeEnum.enumValues), name: z.string(), email: z.string() });

const Status = z.enum(['ACTIVE', 'INACTIVE', 'EXPIRED']);
const Pool = z.enum(['APPLICATIONS', 'SYSTEMS', 'SERVERS']);
const LicenseType = z.enum(['FULL', 'UPGRADE', 'LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION', 'ONLINE_SERVICE']);

const ListedLicensingIdSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  kind: z.enum(['ENROLLMENT', 'AGREEMENT', 'LICENSE', 'PCN']),
  programCode: z.string(),
  status: Status,
  startDate: z.string(),
  endDate: z.string().nullable(),
  affiliateRole: z.enum(['LEAD', 'PARTICIPATING']).nullable(),
});

const ProductRefSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  family: z.string(),
  version: z.string(),
  edition: z.string(),
  pool: Pool,
});

export const LicensingIdReportSchema = z.object({
  licensingId: LicensingIdDetailSchema.extend({
    roles: z.array(z.enum(ROLES)),
    affiliateRole: z.enum(['LEAD', 'PARTICIPATING']).nullable(),
    priceLevel: z.string().nullable(),
    expiry: ExpirySchema,
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
        licenseType: LicenseType,
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
        licenseType: LicenseType,
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
