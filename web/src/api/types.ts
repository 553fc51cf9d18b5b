import type { Query, Schemas } from './client';

/** Shapes shared across the portal's areas, named from the server's OpenAPI document. */

export type Me = Schemas['Me'];
export type Locale = Me['locale'];

export type Agreement = Schemas['Agreement'];
export type AgreementStatus = Agreement['status'];

export type LicensingIdRow = Schemas['LicensingId'];
export type LicensingIdKind = LicensingIdRow['kind'];
export type Role = LicensingIdRow['roles'][number];

export type RelationshipSummary = Schemas['RelationshipSummary'];
export type MbsaGroup = RelationshipSummary['groups'][number];
export type ParentGroup = MbsaGroup['parents'][number];

export type StatusFilter = NonNullable<Query<'/api/v1/relationship-summary', 'get'>['status']>;
