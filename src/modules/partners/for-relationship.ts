import type { PartnerRecords } from '../relationship/onboarding/ports.js';
import { recordPartner } from './record.js';

/** R-REL-6: what onboarding asks of this module: an onboarded agreement's channel partner of record. */
export const partnerRecordsForRelationship: PartnerRecords = {
  async record(tx, assignments, now) {
    for (const a of assignments) await recordPartner(tx, a.licensingIds, a.partnerOrganizationId, now);
  },
};
