import type { Role } from '../../platform/authz/roles.js';

export type Status = 'ACTIVE' | 'INACTIVE' | 'EXPIRED';

export interface AgreementRef {
  id: string;
  number: string;
  programCode: string | null;
  programName: string | null;
  status: Status;
  startDate: string;
  endDate: string | null;
}

export interface LicensingIdRow {
  id: string;
  number: string;
  authorizationNumber: string | null;
  name: string;
  kind: 'ENROLLMENT' | 'AGREEMENT' | 'LICENSE' | 'PCN';
  programCode: string;
  programName: string;
  status: Status;
  startDate: string;
  endDate: string | null;
  roles: Role[];
  parent: AgreementRef | null;
  mbsa: AgreementRef | null;
}

export interface ParentGroup {
  agreement: AgreementRef | null;
  licensingIds: Omit<LicensingIdRow, 'parent' | 'mbsa'>[];
}
export interface MbsaGroup {
  mbsa: AgreementRef | null;
  parents: ParentGroup[];
}

const byNumber = (a: { number: string } | null, b: { number: string } | null) =>
  a === null ? 1 : b === null ? -1 : a.number.localeCompare(b.number);

/**
 * R-REL-2: MBSA → parent program agreement → Licensing ID. Open programs have neither, so they
 * fall into the group without MBSA and without parent, listed last.
 */
export function groupRelationship(rows: LicensingIdRow[]): MbsaGroup[] {
  const mbsas = new Map<string, MbsaGroup>();
  for (const { parent, mbsa, ...lid } of rows) {
    const mKey = mbsa?.id ?? '';
    let m = mbsas.get(mKey);
    if (!m) {
      m = { mbsa, parents: [] };
      mbsas.set(mKey, m);
    }
    let p = m.parents.find((g) => (g.agreement?.id ?? '') === (parent?.id ?? ''));
    if (!p) {
      p = { agreement: parent, licensingIds: [] };
      m.parents.push(p);
    }
    p.licensingIds.push(lid);
  }
  const groups = [...mbsas.values()].sort((a, b) => byNumber(a.mbsa, b.mbsa));
  for (const g of groups) {
    g.parents.sort((a, b) => byNumber(a.agreement, b.agreement));
    for (const p of g.parents) p.licensingIds.sort((a, b) => a.number.localeCompare(b.number));
  }
  return groups;
}
