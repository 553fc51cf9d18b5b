import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';

const Status = z.enum(['ACTIVE', 'INACTIVE', 'EXPIRED']);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AgreementRefSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  programCode: z.string().nullable(),
  programName: z.string().nullable(),
  status: Status,
  startDate: Day,
  endDate: Day.nullable(),
});

export const LicensingIdSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  authorizationNumber: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['ENROLLMENT', 'AGREEMENT', 'LICENSE', 'PCN']),
  programCode: z.string(),
  programName: z.string(),
  status: Status,
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
