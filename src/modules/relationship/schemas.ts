import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
import { AFFILIATE_ROLES, AGREEMENT_KINDS, CONTACT_TYPES, LICENSING_ID_KINDS, LIFECYCLE_STATUSES, PROGRAM_CODES } from './rules.js';

export const ProgramCodeSchema = z.enum(PROGRAM_CODES);
export const LicensingIdKindSchema = z.enum(LICENSING_ID_KINDS);
export const AgreementKindSchema = z.enum(AGREEMENT_KINDS);
export const LifecycleStatusSchema = z.enum(LIFECYCLE_STATUSES);
export const AffiliateRoleSchema = z.enum(AFFILIATE_ROLES);
export const ContactTypeSchema = z.enum(CONTACT_TYPES);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AgreementRefSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  programCode: z.string().nullable(),
  programName: z.string().nullable(),
  status: LifecycleStatusSchema,
  startDate: Day,
  endDate: Day.nullable(),
});

export const LicensingIdSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  authorizationNumber: z.string().nullable(),
  name: z.string(),
  kind: LicensingIdKindSchema,
  programCode: z.string(),
  programName: z.string(),
  status: LifecycleStatusSchema,
  startDate: Day,
  endDate: Day.nullable(),
  roles: z.array(z.enum(ROLES)),
});

export const LicensingIdDetailSchema = LicensingIdSchema.extend({
  parent: AgreementRefSchema.nullable(),
  mbsa: AgreementRefSchema.nullable(),
});

export const RelationshipSummarySchema = z.object({
  groups: z.array(
    z.object({
      mbsa: AgreementRefSchema.nullable(),
      parents: z.array(z.object({ agreement: AgreementRefSchema.nullable(), licensingIds: z.array(LicensingIdSchema) })),
    }),
  ),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(AgreementRefSchema, { id: 'Agreement' });
z.globalRegistry.add(LicensingIdSchema, { id: 'LicensingId' });
z.globalRegistry.add(RelationshipSummarySchema, { id: 'RelationshipSummary' });
