import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { packageNumber, type SalesPackageStatus, type SalesPackageTerms } from './rules.js';
import type { SalesPackageView } from './schemas.js';

/** A sales package with what the services need beyond its view. */
export interface PackageRow {
  view: SalesPackageView;
  partnerOrganizationId: string;
  documentKey: string | null;
  signedCopyKey: string | null;
  account: {
    id: string;
    number: string;
    name: string;
    /** The organization serving the account now, which may no longer be the package's partner. */
    partnerOrganizationId: string | null;
    address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
    contact: { name: string; email: string };
  };
}

type Row = {
  id: string;
  seq: number;
  title: string;
  status: SalesPackageStatus;
  terms: SalesPackageTerms;
  created_at: Date | string;
  sent_at: Date | string | null;
  withdrawn_at: Date | string | null;
  document_key: string | null;
  document_sha256: string | null;
  signed_via: 'ELECTRONIC' | 'PAPER' | null;
  signed_at: Date | string | null;
  signer_name: string | null;
  signer_email: string | null;
  consent_version: string | null;
  signer_ip: string | null;
  signer_user_agent: string | null;
  signed_document_sha256: string | null;
  signed_copy_key: string | null;
  signed_copy_sha256: string | null;
  partner_id: string;
  partner_name: string;
  account_id: string;
  account_number: string;
  account_name: string;
  account_partner_id: string | null;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  country: string;
  contact_name: string;
  contact_email: string;
};

const iso = (d: Date | string) => new Date(d).toISOString();

function toPackage(r: Row): PackageRow {
  return {
    partnerOrganizationId: r.partner_id,
    documentKey: r.document_key,
    signedCopyKey: r.signed_copy_key,
    account: {
      id: r.account_id,
      number: r.account_number,
      name: r.account_name,
      partnerOrganizationId: r.account_partner_id,
      address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
      contact: { name: r.contact_name, email: r.contact_email },
    },
    view: {
      id: r.id,
      number: packageNumber(r.seq),
      title: r.title,
      status: r.status,
      terms: r.terms,
      account: { id: r.account_id, number: r.account_number, name: r.account_name },
      partner: { id: r.partner_id, name: r.partner_name },
      createdAt: iso(r.created_at),
      sentAt: r.sent_at ? iso(r.sent_at) : null,
      withdrawnAt: r.withdrawn_at ? iso(r.withdrawn_at) : null,
      document: r.document_sha256 ? { sha256: r.document_sha256 } : null,
      signature:
        r.signed_via && r.signed_at && r.signed_copy_sha256
          ? {
              via: r.signed_via,
              signedAt: iso(r.signed_at),
              signerName: r.signer_name,
              signerEmail: r.signer_email,
              consentVersion: r.consent_version,
              ipAddress: r.signer_ip,
              userAgent: r.signer_user_agent,
              documentSha256: r.signed_document_sha256,
              signedCopy: { sha256: r.signed_copy_sha256 },
            }
          : null,
    },
  };
}

/** The packages matching `where` (over `p` the package, `a` the account), newest first. */
export async function packagesWhere(db: DbOrTx, where: SQL, lock = false): Promise<PackageRow[]> {
  const res = await db.execute<Row>(sql`
    select p.id, p.seq, p.title, p.status, p.terms, p.created_at, p.sent_at, p.withdrawn_at, p.document_key, p.document_sha256,
      p.signed_via, p.signed_at, p.signer_name, su.email as signer_email, p.consent_version, p.signer_ip, p.signer_user_agent,
      p.signed_document_sha256, p.signed_copy_key, p.signed_copy_sha256,
      o.id as partner_id, o.name as partner_name,
      a.id as account_id, a.number as account_number, a.name as account_name, a.partner_organization_id as account_partner_id, a.address_line1, a.address_line2, a.postal_code,
      a.city, a.country, a.contact_name, a.contact_email
    from sales_package p
    join purchasing_account a on a.id = p.purchasing_account_id
    join organization o on o.id = p.partner_organization_id
    left join "user" su on su.id = p.signer_user_id
    where ${where}
    order by p.seq desc
    ${lock ? sql`for update of p` : sql``}`);
  return res.rows.map(toPackage);
}

export async function onePackage(db: DbOrTx, where: SQL, lock = false): Promise<PackageRow> {
  const [row] = await packagesWhere(db, where, lock);
  if (!row) throw notFound('sales package');
  return row;
}

/**
 * R-BC-2: what a partner reads: the packages its organization prepared, whether or not it still
 * serves the account. A package is a record of the partner's own offer, so it stays the partner's
 * to read after the account moves on; the account's other packages (a new partner's) stay hidden.
 */
export const partnerScope = (partnerOrganizationId: string, id?: string) =>
  sql`p.partner_organization_id = ${partnerOrganizationId}${id ? sql` and p.id = ${id}` : sql``}`;

/** Whether the package's account is still served by the partner that prepared it (only then may it act on it). */
export const stillServed = (p: PackageRow) => p.account.partnerOrganizationId === p.partnerOrganizationId;

/** The customer's scope: the account's packages once sent (a draft is the partner's alone). */
export const customerScope = (accountId: string, id?: string) =>
  sql`p.purchasing_account_id = ${accountId} and p.status <> 'DRAFT'${id ? sql` and p.id = ${id}` : sql``}`;
