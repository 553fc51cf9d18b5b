import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../../platform/errors.js';
import { BlobNotFound, type BlobStore, type StoredBlob } from '../../../platform/storage/index.js';
import { bcAgreementMails, MAIL_WORDS } from './mails.js';
import { customerPath, mailAccountHolders, mailPartnerUsers, PARTNER_PATH } from './notify.js';
import { parsesAsPdf, salesPackagePdf, signedCopyPdf } from './pdf.js';
import { customerScope, onePackage, type PackageRow, packagesWhere, partnerScope, stillServed } from './read.js';
import { CONSENT_VERSION, hasPdfMagic, type SalesPackageTerms, signRefusal, UPLOAD_MAX_BYTES } from './rules.js';
import { salesPackage } from './tables.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable | AsyncIterable<Uint8Array>, max = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > max) throw new DomainError('UPLOAD_TOO_LARGE', 413, 'The file is larger than the limit.', { maxBytes: max });
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

const storeBytes = async (blobs: BlobStore, bytes: Uint8Array) =>
  blobs.put(
    (async function* () {
      yield bytes;
    })(),
  );

export interface Signing {
  fullName: string;
  consent: boolean;
  ip: string;
  userAgent: string;
}

export interface NewPackage {
  purchasingAccountId: string;
  title: string;
  terms: SalesPackageTerms;
}

/**
 * A draft goes on (edited or sent) only while the partner still serves its account: a partner that
 * stopped serving it keeps its packages to read, and may withdraw an offer it sent, but delivers
 * nothing new to that account.
 */
function checkServed(p: PackageRow) {
  if (!stillServed(p)) throw conflict('SALES_PACKAGE_ACCOUNT_NOT_SERVED', 'Your organization no longer serves this purchasing account.');
}

function checkTerms(terms: SalesPackageTerms) {
  if (terms.lines.length === 0 && !terms.offer)
    throw invalid('SALES_PACKAGE_TERMS_EMPTY', 'A sales package needs at least one product line or a written offer.');
}

/**
 * R-BC-2: sales packages. The partner serving a purchasing account prepares, sends and withdraws
 * them; the account's agreement administrators sign them electronically or upload a paper-signed
 * scan. Every stored file's SHA-256 is recorded, and the sent document is re-hashed before it is
 * signed, so a changed byte is refused (SALES_PACKAGE_TAMPERED) and shown by verify.
 */
export function createSalesPackageService({ db, clock, blobs, publicUrl }: { db: Db; clock: Clock; blobs: BlobStore; publicUrl: string }) {
  async function bytesOf(key: string): Promise<Buffer | null> {
    try {
      return await readAll(await blobs.get(key));
    } catch (e) {
      if (e instanceof BlobNotFound) return null;
      throw e;
    }
  }

  const view = (p: PackageRow) => p.view;
  /** The mail tells how it was signed; the locked row still shows it unsigned. */
  const signedVia = (p: PackageRow, via: 'ELECTRONIC' | 'PAPER') => ({ ...p, view: { ...p.view, signature: { via } } }) as PackageRow;

  async function notifySigned(tx: DbOrTx, p: PackageRow, signer: string, at: Date) {
    await mailPartnerUsers(tx, p.partnerOrganizationId, bcAgreementMails.salesPackageSigned, (locale) => ({
      number: p.view.number,
      title: p.view.title,
      account: `${p.account.name} (${p.account.number})`,
      signer,
      via: MAIL_WORDS[locale][p.view.signature?.via ?? 'ELECTRONIC'],
      signedAt: at.toISOString().slice(0, 16).replace('T', ' '),
      url: `${publicUrl}${PARTNER_PATH}`,
    }));
  }

  /**
   * The one way a signed copy lands: the file is stored first (no file I/O inside the transaction),
   * the package is locked and its status re-checked (it may have been withdrawn or signed meanwhile),
   * then `write` records the signature. If anything in the transaction fails, the stored file would
   * be an orphan, so it is deleted before the error goes on.
   */
  async function signStored(
    accountId: string,
    id: string,
    bytes: Uint8Array,
    write: (tx: DbOrTx, locked: PackageRow, stored: StoredBlob) => Promise<void>,
  ) {
    const stored = await storeBytes(blobs, bytes);
    try {
      await db.transaction(async (tx) => {
        const locked = await onePackage(tx, customerScope(accountId, id), true);
        const refusal = signRefusal(locked.view.status);
        if (refusal) throw conflict(refusal, 'This sales package cannot be signed.');
        await write(tx, locked, stored);
      });
    } catch (e) {
      await blobs.delete(stored.key);
      throw e;
    }
    return view(await onePackage(db, customerScope(accountId, id)));
  }

  return {
    /** The accounts the partner's organization serves, for it to prepare packages for. */
    async servedAccounts(actor: Actor) {
      const res = await db.execute<{ id: string; number: string; name: string; organization_name: string }>(sql`
        select a.id, a.number, a.name, o.name as organization_name from purchasing_account a join organization o on o.id = a.organization_id
        where a.partner_organization_id = ${actor.organizationId} order by a.name, a.number`);
      return { items: res.rows.map((r) => ({ id: r.id, number: r.number, name: r.name, organizationName: r.organization_name })) };
    },

    async listForPartner(actor: Actor) {
      return { items: (await packagesWhere(db, partnerScope(actor.organizationId))).map(view) };
    },

    async getForPartner(actor: Actor, id: string) {
      return view(await onePackage(db, partnerScope(actor.organizationId, id)));
    },

    async prepare(actor: Actor, input: NewPackage) {
      checkTerms(input.terms);
      const served = await db.execute(
        sql`select 1 from purchasing_account where id = ${input.purchasingAccountId} and partner_organization_id = ${actor.organizationId}`,
      );
      if (served.rows.length === 0) throw notFound('purchasing account');
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(salesPackage)
          .values({
            purchasingAccountId: input.purchasingAccountId,
            partnerOrganizationId: actor.organizationId,
            title: input.title,
            terms: input.terms,
            preparedBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: salesPackage.id });
        if (!row) throw new Error('insert returned nothing');
        await audit(tx, actor, { action: 'sales-package.prepare', targetType: 'sales_package', targetId: row.id, after: input });
        return row.id;
      });
      return view(await onePackage(db, partnerScope(actor.organizationId, id)));
    },

    async edit(actor: Actor, id: string, input: Omit<NewPackage, 'purchasingAccountId'>) {
      checkTerms(input.terms);
      await db.transaction(async (tx) => {
        const p = await onePackage(tx, partnerScope(actor.organizationId, id), true);
        if (p.view.status !== 'DRAFT') throw conflict('SALES_PACKAGE_NOT_DRAFT', 'Only a draft sales package can be edited or sent.');
        checkServed(p);
        await tx
          .update(salesPackage)
          .set({ title: input.title, terms: input.terms, updatedAt: clock.now() })
          .where(eq(salesPackage.id, id));
        await audit(tx, actor, {
          action: 'sales-package.edit',
          targetType: 'sales_package',
          targetId: id,
          before: { title: p.view.title, terms: p.view.terms },
          after: input,
        });
      });
      return view(await onePackage(db, partnerScope(actor.organizationId, id)));
    },

    /** Generates the PDF, stores it with its SHA-256 and mails the account's agreement administrators. */
    async send(actor: Actor, id: string) {
      const now = clock.now();
      const current = await onePackage(db, partnerScope(actor.organizationId, id));
      if (current.view.status !== 'DRAFT') throw conflict('SALES_PACKAGE_NOT_DRAFT', 'Only a draft sales package can be edited or sent.');
      checkServed(current);
      const bytes = await salesPackagePdf(
        {
          number: current.view.number,
          title: current.view.title,
          account: current.account,
          partnerName: current.view.partner.name,
          terms: current.view.terms,
          date: now.toISOString().slice(0, 10),
        },
        actor.locale,
      );
      const stored = await storeBytes(blobs, bytes);
      try {
        await db.transaction(async (tx) => {
          const p = await onePackage(tx, partnerScope(actor.organizationId, id), true);
          if (p.view.status !== 'DRAFT') throw conflict('SALES_PACKAGE_NOT_DRAFT', 'Only a draft sales package can be edited or sent.');
          checkServed(p);
          await tx
            .update(salesPackage)
            .set({ status: 'SENT', sentAt: now, updatedAt: now, documentKey: stored.key, documentSha256: stored.sha256 })
            .where(eq(salesPackage.id, id));
          await audit(tx, actor, {
            action: 'sales-package.send',
            targetType: 'sales_package',
            targetId: id,
            after: { documentSha256: stored.sha256 },
          });
          await mailAccountHolders(tx, p.account.id, 'account.agreements', bcAgreementMails.salesPackageSent, () => ({
            number: p.view.number,
            title: p.view.title,
            partner: p.view.partner.name,
            account: `${p.account.name} (${p.account.number})`,
            url: `${publicUrl}${customerPath(p.account.id, 'sales-packages')}`,
          }));
        });
      } catch (e) {
        await blobs.delete(stored.key);
        throw e;
      }
      return view(await onePackage(db, partnerScope(actor.organizationId, id)));
    },

    async withdraw(actor: Actor, id: string) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const p = await onePackage(tx, partnerScope(actor.organizationId, id), true);
        if (p.view.status !== 'SENT')
          throw conflict('SALES_PACKAGE_NOT_WITHDRAWABLE', 'Only a sales package sent and not yet signed can be withdrawn.');
        await tx.update(salesPackage).set({ status: 'WITHDRAWN', withdrawnAt: now, updatedAt: now }).where(eq(salesPackage.id, id));
        await audit(tx, actor, { action: 'sales-package.withdraw', targetType: 'sales_package', targetId: id });
        await mailAccountHolders(tx, p.account.id, 'account.agreements', bcAgreementMails.salesPackageWithdrawn, () => ({
          number: p.view.number,
          title: p.view.title,
          partner: p.view.partner.name,
          account: `${p.account.name} (${p.account.number})`,
          url: `${publicUrl}${customerPath(p.account.id, 'sales-packages')}`,
        }));
      });
      return view(await onePackage(db, partnerScope(actor.organizationId, id)));
    },

    async listForAccount(accountId: string) {
      return { items: (await packagesWhere(db, customerScope(accountId))).map(view) };
    },

    async getForAccount(accountId: string, id: string) {
      return view(await onePackage(db, customerScope(accountId, id)));
    },

    /** R-BC-2: electronic signature: typed name, consent, time, address, user agent and the hash of the exact stored PDF. */
    async sign(actor: Actor, accountId: string, id: string, s: Signing) {
      if (!s.consent || s.fullName.trim().length < 2)
        throw invalid('SALES_PACKAGE_CONSENT_REQUIRED', 'Type your full name and consent to signing electronically.');
      const now = clock.now();
      const p = await onePackage(db, customerScope(accountId, id));
      const refusal = signRefusal(p.view.status);
      if (refusal) throw conflict(refusal, 'This sales package cannot be signed.');
      const original = p.documentKey ? await bytesOf(p.documentKey) : null;
      const actual = original ? sha256(original) : null;
      if (!original || actual !== p.view.document?.sha256)
        throw conflict('SALES_PACKAGE_TAMPERED', 'The stored document does not match the one that was sent.', {
          recorded: p.view.document?.sha256 ?? null,
          actual,
        });
      const signerName = s.fullName.trim();
      const copy = await signedCopyPdf(
        original,
        {
          number: p.view.number,
          signerName,
          signerEmail: actor.email,
          signedAt: now,
          ip: s.ip,
          userAgent: s.userAgent,
          documentSha256: actual,
          consentVersion: CONSENT_VERSION,
        },
        actor.locale,
      );
      return signStored(accountId, id, copy, async (tx, locked, stored) => {
        await tx
          .update(salesPackage)
          .set({
            status: 'SIGNED',
            signedVia: 'ELECTRONIC',
            signedAt: now,
            signerUserId: actor.userId,
            signerName,
            consentVersion: CONSENT_VERSION,
            signerIp: s.ip,
            signerUserAgent: s.userAgent,
            signedDocumentSha256: actual,
            signedCopyKey: stored.key,
            signedCopySha256: stored.sha256,
            updatedAt: now,
          })
          .where(eq(salesPackage.id, id));
        await audit(tx, actor, {
          action: 'sales-package.sign',
          targetType: 'sales_package',
          targetId: id,
          after: { via: 'ELECTRONIC', signerName, documentSha256: actual, signedCopySha256: stored.sha256, ip: s.ip },
        });
        await notifySigned(tx, signedVia(locked, 'ELECTRONIC'), signerName, now);
      });
    },

    /** R-BC-2: a paper-signed scan: a PDF (magic bytes, and it parses), at most UPLOAD_MAX_BYTES. */
    async upload(actor: Actor, accountId: string, id: string, body: Readable | AsyncIterable<Uint8Array>) {
      const now = clock.now();
      const p = await onePackage(db, customerScope(accountId, id));
      const refusal = signRefusal(p.view.status);
      if (refusal) throw conflict(refusal, 'This sales package cannot be signed.');
      const bytes = await readAll(body, UPLOAD_MAX_BYTES);
      if (!hasPdfMagic(bytes) || !(await parsesAsPdf(bytes))) throw new DomainError('UPLOAD_NOT_PDF', 415, 'The file is not a PDF.');
      return signStored(accountId, id, bytes, async (tx, locked, stored) => {
        await tx
          .update(salesPackage)
          .set({
            status: 'SIGNED',
            signedVia: 'PAPER',
            signedAt: now,
            signerUserId: actor.userId,
            signedDocumentSha256: locked.view.document?.sha256 ?? null,
            signedCopyKey: stored.key,
            signedCopySha256: stored.sha256,
            updatedAt: now,
          })
          .where(eq(salesPackage.id, id));
        await audit(tx, actor, {
          action: 'sales-package.upload',
          targetType: 'sales_package',
          targetId: id,
          after: { via: 'PAPER', signedCopySha256: stored.sha256, bytes: bytes.length },
        });
        await notifySigned(tx, signedVia(locked, 'PAPER'), actor.email, now);
      });
    },

    /** The generated PDF or the signed copy, as stored. */
    async file(p: PackageRow, which: 'document' | 'signed-copy') {
      const key = which === 'document' ? p.documentKey : p.signedCopyKey;
      const content = key ? await bytesOf(key) : null;
      if (!content) throw which === 'document' ? notFound('document') : notFound('signed copy');
      return { name: `${p.view.number}${which === 'document' ? '' : '-signed'}.pdf`, content };
    },

    /** Re-hashes the stored files against the recorded SHA-256s. */
    async verify(p: PackageRow) {
      const check = async (key: string | null, recorded: string | undefined) => {
        if (!key || !recorded) return null;
        const bytes = await bytesOf(key);
        const actual = bytes ? sha256(bytes) : null;
        return { recorded, actual, matches: actual === recorded };
      };
      const document = await check(p.documentKey, p.view.document?.sha256);
      const signedCopy = await check(p.signedCopyKey, p.view.signature?.signedCopy.sha256);
      return { document, signedCopy, verified: [document, signedCopy].every((c) => c === null || c.matches) && document !== null };
    },

    partnerPackage: (actor: Actor, id: string) => onePackage(db, partnerScope(actor.organizationId, id)),
    accountPackage: (accountId: string, id: string) => onePackage(db, customerScope(accountId, id)),
  };
}
export type SalesPackageService = ReturnType<typeof createSalesPackageService>;
