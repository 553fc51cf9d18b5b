import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesPackagePdf } from '../../src/modules/business-center/agreements/pdf.js';
import { createSalesPackageService } from '../../src/modules/business-center/agreements/sales-packages.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { BlobNotFound, type BlobStore, openBlobStore } from '../../src/platform/storage/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The lines a PDF drawn in the standard fonts shows: each content stream inflated, each hex string
 * it draws decoded (WinAnsi is Latin-1 for the words checked here).
 */
function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1] ?? '', 'latin1');
    let body: string;
    try {
      body = inflateSync(bytes).toString('latin1');
    } catch {
      body = bytes.toString('latin1');
    }
    for (const h of body.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(h[1] ?? '', 'hex').toString('latin1'));
  }
  return lines.join('\n');
}

const TERMS = {
  program: 'SELECT_PLUS',
  startDate: '2027-01-01',
  lines: [
    { product: 'Office Professional Plus', quantity: 250 },
    { product: 'Windows Server Datacenter', quantity: 4 },
  ],
  offer: 'Three-year term; prices fixed for the first year.',
};

describe('Sales packages (R-BC-2)', () => {
  let t: TestApp;
  let hq: string;
  let fabrikamAccount: string;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const count = async (text: ReturnType<typeof sql>) => Number((await q<{ n: number }>(text))[0]?.n);
  const mails = (template: string) =>
    q<{ to_address: string; text: string }>(sql`select to_address, text from outbox where template = ${template} order by id`);
  const snapshot = () => q(sql`select * from sales_package order by seq`);

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    hq = (await q<{ id: string }>(sql`select id from purchasing_account where number = '71000101'`))[0]?.id ?? '';
    fabrikamAccount = (await q<{ id: string }>(sql`select id from purchasing_account where number = '72000201'`))[0]?.id ?? '';
  });
  afterAll(() => t.close());

  const partner = async () => t.as(await signIn(t.app, 'partner@adatum-partners.example'));
  const admin = async () =>
    t.as(await signIn(t.app, 'admin@contoso.example'), { headers: { 'user-agent': 'Vitest/1 (R-BC-2)' }, remoteAddress: '203.0.113.7' });

  async function sentPackage(title = 'Select Plus renewal') {
    const p = await partner();
    const created = await p.post('/partner/sales-packages', { purchasingAccountId: hq, title, terms: TERMS });
    expect(created.statusCode, created.body).toBe(201);
    const sent = await p.post(`/partner/sales-packages/${created.json().id}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    return sent.json() as { id: string; number: string; status: string; document: { sha256: string } };
  }

  const storedPath = async (column: 'document_key' | 'signed_copy_key', id: string) => {
    const key = (await q<{ key: string }>(sql`select ${sql.raw(column)} as key from sales_package where id = ${id}`))[0]?.key ?? '';
    return path.join(t.config.DATA_DIR, 'files', key.slice(0, 2), key);
  };

  it('R-BC-2: the partner prepares and sends a package; the customer signs it electronically; the partner is notified; both see the signed copy, and it verifies', async () => {
    const p = await partner();
    const accounts = (await p.get('/partner/purchasing-accounts')).json().items as { number: string }[];
    expect(accounts.map((a) => a.number)).toEqual(['71000101', '71000102']);

    const created = await p.post('/partner/sales-packages', { purchasingAccountId: hq, title: 'Draft title', terms: TERMS });
    expect(created.json()).toMatchObject({ status: 'DRAFT', document: null, account: { number: '71000101' } });
    const id = created.json().id as string;
    // A draft is the partner's alone.
    const customer = await admin();
    expect((await customer.get(`/purchasing-accounts/${hq}/sales-packages/${id}`)).statusCode).toBe(404);
    const edited = await p.patch(`/partner/sales-packages/${id}`, { title: 'Select Plus renewal', terms: TERMS });
    expect(edited.json().title).toBe('Select Plus renewal');

    const sent = await p.post(`/partner/sales-packages/${id}/send`);
    expect(sent.json()).toMatchObject({ status: 'SENT' });
    const documentSha = sent.json().document.sha256 as string;
    // The customer's agreement and account administrators are mailed.
    expect((await mails('salesPackageSent')).map((m) => m.to_address)).toContain('admin@contoso.example');

    const pdf = await customer.get(`/purchasing-accounts/${hq}/sales-packages/${id}/document`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(sha256(pdf.rawPayload)).toBe(documentSha);
    const original = await PDFDocument.load(pdf.rawPayload);

    const signed = await customer.post(`/purchasing-accounts/${hq}/sales-packages/${id}/sign`, { fullName: 'Ada Admin', consent: true });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'SIGNED',
      signature: {
        via: 'ELECTRONIC',
        signerName: 'Ada Admin',
        signerEmail: 'admin@contoso.example',
        consentVersion: 'bc-esign-1',
        ipAddress: '203.0.113.7',
        userAgent: 'Vitest/1 (R-BC-2)',
        documentSha256: documentSha,
      },
    });
    // The partner hears of it.
    expect((await mails('salesPackageSigned')).map((m) => m.to_address)).toContain('partner@adatum-partners.example');

    // The signed copy: the original's pages and one signature page; its recorded SHA-256 is its bytes'.
    for (const url of [`/purchasing-accounts/${hq}/sales-packages/${id}/signed-copy`, `/partner/sales-packages/${id}/signed-copy`]) {
      const copy = url.startsWith('/partner') ? await p.get(url) : await customer.get(url);
      expect(copy.statusCode).toBe(200);
      expect(sha256(copy.rawPayload)).toBe(signed.json().signature.signedCopy.sha256);
      expect((await PDFDocument.load(copy.rawPayload)).getPageCount()).toBe(original.getPageCount() + 1);
    }
    expect((await p.get(`/partner/sales-packages/${id}`)).json().status).toBe('SIGNED');
    const verified = (await customer.get(`/purchasing-accounts/${hq}/sales-packages/${id}/verify`)).json();
    expect(verified).toMatchObject({ verified: true, document: { matches: true }, signedCopy: { matches: true } });
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'sales-package.sign' and target_id = ${id}`)).toBe(1);
  });

  it('R-BC-2: the stored PDF is the one whose SHA-256 was recorded, and the same content gives the same bytes', async () => {
    const a = await sentPackage('Same content');
    const bytes = await readFile(await storedPath('document_key', a.id));
    expect(sha256(bytes)).toBe(a.document.sha256);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const content = {
      number: 'SP-000042',
      title: 'Renewal — Malmö',
      account: {
        number: '71000101',
        name: 'Contoso Ltd — Headquarters',
        address: { line1: 'Storgatan 1', line2: null, postalCode: '111 22', city: 'Malmö', country: 'SE' },
        contact: { name: 'Åsa Öberg', email: 'asa@contoso.example' },
      },
      partnerName: 'Adatum',
      terms: { ...TERMS, program: 'SELECT_PLUS' as const, offer: 'Emoji 🙂 and ünïcödé are drawn or replaced' },
      date: '2026-12-05',
    };
    const [one, two] = [await salesPackagePdf(content, 'sv'), await salesPackagePdf(content, 'sv')];
    expect(sha256(one)).toBe(sha256(two));
    const many = await salesPackagePdf({ ...content, terms: { ...content.terms, offer: 'A line.\n'.repeat(200) } }, 'en');
    expect((await PDFDocument.load(many)).getPageCount()).toBeGreaterThan(1);
  });

  it('R-BC-2: the PDF names the program as the portal does, in the reader’s language, not by its code', async () => {
    const content = {
      number: 'SP-000043',
      title: 'Open Value renewal',
      account: {
        number: '71000101',
        name: 'Contoso Ltd',
        address: { line1: 'Storgatan 1', line2: null, postalCode: '111 22', city: 'Malmö', country: 'SE' },
        contact: { name: 'Åsa Öberg', email: 'asa@contoso.example' },
      },
      partnerName: 'Adatum',
      terms: { ...TERMS, program: 'OPEN_VALUE_SUBSCRIPTION' as const },
      date: '2026-12-05',
    };
    const en = drawnText(await salesPackagePdf(content, 'en'));
    const sv = drawnText(await salesPackagePdf(content, 'sv'));
    expect(en).toContain('Program: Open Value Subscription');
    expect(sv).toContain('Program: Open Value-prenumeration');
    for (const text of [en, sv]) expect(text).not.toContain('OPEN_VALUE_SUBSCRIPTION');
  });

  it('R-BC-2: one changed byte of the stored PDF is detected by verify and blocks signing (SALES_PACKAGE_TAMPERED)', async () => {
    const pkg = await sentPackage('Tampered');
    const file = await storedPath('document_key', pkg.id);
    const bytes = await readFile(file);
    const i = Math.floor(bytes.length / 2);
    bytes[i] = (bytes[i] ?? 0) ^ 0x01;
    await writeFile(file, bytes);

    const customer = await admin();
    const verified = (await customer.get(`/purchasing-accounts/${hq}/sales-packages/${pkg.id}/verify`)).json();
    expect(verified).toMatchObject({ verified: false, document: { recorded: pkg.document.sha256, matches: false } });
    expect(verified.document.actual).toBe(sha256(bytes));
    const before = await snapshot();
    const refused = await customer.post(`/purchasing-accounts/${hq}/sales-packages/${pkg.id}/sign`, {
      fullName: 'Ada Admin',
      consent: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SALES_PACKAGE_TAMPERED');
    expect(await snapshot()).toEqual(before);
    const partnerView = (await (await partner()).get(`/partner/sales-packages/${pkg.id}/verify`)).json();
    expect(partnerView.verified).toBe(false);
  });

  it('R-BC-2: a paper-signed scan is uploaded (a PDF within the size limit); the partner is notified', async () => {
    const pkg = await sentPackage('Paper');
    const customer = await admin();
    const scan = await PDFDocument.create();
    scan.addPage();
    scan.addPage();
    const scanBytes = await scan.save();
    const before = (await mails('salesPackageSigned')).length;
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/purchasing-accounts/${hq}/sales-packages/${pkg.id}/upload`,
      headers: { ...(await signIn(t.app, 'admin@contoso.example')).headers, 'content-type': 'application/pdf' },
      payload: Buffer.from(scanBytes),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ status: 'SIGNED', signature: { via: 'PAPER', signedCopy: { sha256: sha256(scanBytes) } } });
    expect((await mails('salesPackageSigned')).length).toBe(before + 1);
    const copy = await customer.get(`/purchasing-accounts/${hq}/sales-packages/${pkg.id}/signed-copy`);
    expect(sha256(copy.rawPayload)).toBe(sha256(scanBytes));
  });

  it('R-BC-2 bad input: already signed, withdrawn, another customer’s, not a PDF, too large, consent missing — clear codes, nothing changed', async () => {
    const session = await signIn(t.app, 'admin@contoso.example');
    const customer = t.as(session);
    const upload = (id: string, body: Buffer, account = hq) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/purchasing-accounts/${account}/sales-packages/${id}/upload`,
        headers: { ...session.headers, 'content-type': 'application/pdf' },
        payload: body,
      });
    const signBody = { fullName: 'Ada Admin', consent: true };

    const signed = await sentPackage('Signed once');
    expect((await customer.post(`/purchasing-accounts/${hq}/sales-packages/${signed.id}/sign`, signBody)).statusCode).toBe(200);
    const withdrawn = await sentPackage('Withdrawn');
    const p = await partner();
    expect((await p.post(`/partner/sales-packages/${withdrawn.id}/withdraw`)).json().status).toBe('WITHDRAWN');
    const open = await sentPackage('Open');

    const before = await snapshot();
    const auditBefore = await count(sql`select count(*)::int as n from audit_log where action like 'sales-package.%'`);
    const expectCode = async (res: { statusCode: number; json(): { code: string } }, status: number, code: string) => {
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
    };
    await expectCode(
      await customer.post(`/purchasing-accounts/${hq}/sales-packages/${signed.id}/sign`, signBody),
      409,
      'SALES_PACKAGE_ALREADY_SIGNED',
    );
    await expectCode(
      await customer.post(`/purchasing-accounts/${hq}/sales-packages/${withdrawn.id}/sign`, signBody),
      409,
      'SALES_PACKAGE_WITHDRAWN',
    );
    await expectCode(await upload(signed.id, Buffer.from('%PDF-1.4 x')), 409, 'SALES_PACKAGE_ALREADY_SIGNED');
    await expectCode(await upload(withdrawn.id, Buffer.from('%PDF-1.4 x')), 409, 'SALES_PACKAGE_WITHDRAWN');
    await expectCode(
      await customer.post(`/purchasing-accounts/${hq}/sales-packages/${open.id}/sign`, { fullName: 'Ada Admin', consent: false }),
      400,
      'SALES_PACKAGE_CONSENT_REQUIRED',
    );
    await expectCode(
      await customer.post(`/purchasing-accounts/${hq}/sales-packages/${open.id}/sign`, { fullName: ' ', consent: true }),
      400,
      'SALES_PACKAGE_CONSENT_REQUIRED',
    );
    // Not a PDF: wrong magic bytes, or the right magic and nothing a PDF parser reads.
    await expectCode(await upload(open.id, Buffer.from('PK\u0003\u0004 a zip')), 415, 'UPLOAD_NOT_PDF');
    await expectCode(await upload(open.id, Buffer.from('%PDF-1.7 but no document follows')), 415, 'UPLOAD_NOT_PDF');
    await expectCode(
      await upload(open.id, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)])),
      413,
      'UPLOAD_TOO_LARGE',
    );
    // Another customer's package is not there: Fabrikam's admin on Contoso's account, and Contoso's package under Fabrikam's account.
    const fabrikam = t.as(await signIn(t.app, 'admin@fabrikam.example'));
    expect((await fabrikam.post(`/purchasing-accounts/${hq}/sales-packages/${open.id}/sign`, signBody)).statusCode).toBe(404);
    expect((await fabrikam.post(`/purchasing-accounts/${fabrikamAccount}/sales-packages/${open.id}/sign`, signBody)).statusCode).toBe(404);
    expect((await fabrikam.get(`/purchasing-accounts/${fabrikamAccount}/sales-packages/${open.id}/document`)).statusCode).toBe(404);
    // A partner not serving the account: Proseware serves Fabrikam, not Contoso.
    const proseware = t.as(await signIn(t.app, 'partner@proseware.example'));
    expect((await proseware.post('/partner/sales-packages', { purchasingAccountId: hq, title: 'X', terms: TERMS })).statusCode).toBe(404);
    expect((await proseware.get(`/partner/sales-packages/${open.id}`)).statusCode).toBe(404);
    expect((await proseware.post(`/partner/sales-packages/${open.id}/withdraw`)).statusCode).toBe(404);
    // A viewer may read but not sign.
    const viewer = t.as(await signIn(t.app, 'viewer@contoso.example'));
    expect((await viewer.get(`/purchasing-accounts/${hq}/sales-packages/${open.id}`)).statusCode).toBe(200);
    expect((await viewer.post(`/purchasing-accounts/${hq}/sales-packages/${open.id}/sign`, signBody)).statusCode).toBe(403);

    expect(await snapshot()).toEqual(before);
    expect(await count(sql`select count(*)::int as n from audit_log where action like 'sales-package.%'`)).toBe(auditBefore);
    // The partner cannot send an empty package, nor edit a sent one.
    await expectCode(
      await p.post('/partner/sales-packages', { purchasingAccountId: hq, title: 'Empty', terms: { ...TERMS, lines: [], offer: null } }),
      400,
      'SALES_PACKAGE_TERMS_EMPTY',
    );
    await expectCode(await p.patch(`/partner/sales-packages/${open.id}`, { title: 'Late', terms: TERMS }), 409, 'SALES_PACKAGE_NOT_DRAFT');
  });

  it('R-BC-2: a package withdrawn between the customer’s check and the signature’s write is refused, and the signed copy already stored is deleted (signing and upload alike)', async () => {
    const blobs = openBlobStore(t.config);
    const stored: string[] = [];
    // The withdrawal lands right after the file is stored, before the package is locked: the race the re-check exists for.
    const racing: BlobStore = {
      put: async (content, options) => {
        const put = await blobs.put(content, options);
        stored.push(put.key);
        await t.database.db.execute(
          sql`update sales_package set status = 'WITHDRAWN' where status = 'SENT' and purchasing_account_id = ${hq}`,
        );
        return put;
      },
      get: (key, range) => blobs.get(key, range),
      stat: (key) => blobs.stat(key),
      delete: (key) => blobs.delete(key),
    };
    const service = createSalesPackageService({ db: t.database.db, clock: t.clock, blobs: racing, publicUrl: t.config.publicUrl });
    const user = (
      await q<{ id: string; organization_id: string }>(sql`select id, organization_id from "user" where email = 'admin@contoso.example'`)
    )[0];
    const actor: Actor = {
      userId: user?.id ?? '',
      organizationId: user?.organization_id ?? '',
      email: 'admin@contoso.example',
      locale: 'en',
      isOperator: false,
      via: 'session',
      requestId: 'race',
    };
    const scan = await PDFDocument.create();
    scan.addPage();
    const scanBytes = await scan.save();
    const attempts = [
      (id: string) => service.sign(actor, hq, id, { fullName: 'Ada Admin', consent: true, ip: '203.0.113.7', userAgent: 'Vitest' }),
      (id: string) => service.upload(actor, hq, id, Readable.from([scanBytes])),
    ];
    for (const attempt of attempts) {
      const pkg = await sentPackage('Raced');
      await expect(attempt(pkg.id)).rejects.toMatchObject({ code: 'SALES_PACKAGE_WITHDRAWN' });
      const key = stored.at(-1) ?? '';
      await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobNotFound);
      const row = (await q<{ signed_copy_key: string | null }>(sql`select signed_copy_key from sales_package where id = ${pkg.id}`))[0];
      expect(row?.signed_copy_key).toBeNull();
    }
    expect(stored).toHaveLength(2);
  });

  it('R-BC-2: a partner that stops serving an account keeps reading the packages it prepared, and may withdraw a sent one, but edits, sends or sees nothing new of that account', async () => {
    const branch = (await q<{ id: string }>(sql`select id from purchasing_account where number = '71000102'`))[0]?.id ?? '';
    const p = await partner();
    const prepare = async (title: string) => {
      const res = await p.post('/partner/sales-packages', { purchasingAccountId: branch, title, terms: TERMS });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const draft = await prepare('Left as a draft');
    const sent = await prepare('Sent before the move');
    expect((await p.post(`/partner/sales-packages/${sent}/send`)).statusCode).toBe(200);
    const toWithdraw = await prepare('Withdrawn after the move');
    expect((await p.post(`/partner/sales-packages/${toWithdraw}/send`)).statusCode).toBe(200);

    // The operator moves the account to Proseware.
    const proseware = (await q<{ id: string }>(sql`select organization_id as id from "user" where email = 'partner@proseware.example'`))[0]
      ?.id;
    const operator = t.as(await signIn(t.app, 'operator@northwind.example'));
    const moved = await operator.patch(`/operator/purchasing-accounts/${branch}`, { partnerOrganizationId: proseware });
    expect(moved.statusCode, moved.body).toBe(200);

    // Adatum still reads what it prepared: the list, each package, its PDF and its verification.
    const listed = ((await p.get('/partner/sales-packages')).json().items as { id: string }[]).map((x) => x.id);
    expect(listed).toEqual(expect.arrayContaining([draft, sent, toWithdraw]));
    expect((await p.get(`/partner/sales-packages/${draft}`)).json()).toMatchObject({ status: 'DRAFT', account: { number: '71000102' } });
    expect((await p.get(`/partner/sales-packages/${sent}/document`)).statusCode).toBe(200);
    expect((await p.get(`/partner/sales-packages/${sent}/verify`)).json()).toMatchObject({ verified: true });

    // It delivers nothing new: the draft is neither edited nor sent, and no new package is prepared.
    const before = await snapshot();
    const edit = await p.patch(`/partner/sales-packages/${draft}`, { title: 'Too late', terms: TERMS });
    expect([edit.statusCode, edit.json().code]).toEqual([409, 'SALES_PACKAGE_ACCOUNT_NOT_SERVED']);
    const send = await p.post(`/partner/sales-packages/${draft}/send`);
    expect([send.statusCode, send.json().code]).toEqual([409, 'SALES_PACKAGE_ACCOUNT_NOT_SERVED']);
    expect((await p.post('/partner/sales-packages', { purchasingAccountId: branch, title: 'New', terms: TERMS })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect(((await p.get('/partner/purchasing-accounts')).json().items as { number: string }[]).map((a) => a.number)).toEqual(['71000101']);

    // The new partner's package for the account is not Adatum's to see, and Adatum's are not the new partner's.
    const newPartner = t.as(await signIn(t.app, 'partner@proseware.example'));
    const theirs = await newPartner.post('/partner/sales-packages', {
      purchasingAccountId: branch,
      title: 'Proseware offer',
      terms: TERMS,
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await p.get(`/partner/sales-packages/${theirs.json().id}`)).statusCode).toBe(404);
    expect(((await p.get('/partner/sales-packages')).json().items as { id: string }[]).map((x) => x.id)).not.toContain(theirs.json().id);
    expect((await newPartner.get(`/partner/sales-packages/${draft}`)).statusCode).toBe(404);
    expect(((await newPartner.get('/partner/sales-packages')).json().items as { id: string }[]).map((x) => x.id)).not.toContain(sent);

    // Its own open offer it may still take back; the customer is told as usual.
    expect((await p.post(`/partner/sales-packages/${toWithdraw}/withdraw`)).json().status).toBe('WITHDRAWN');
    expect(
      await count(sql`select count(*)::int as n from audit_log where action = 'sales-package.withdraw' and target_id = ${toWithdraw}`),
    ).toBe(1);
  });
});

describe('Agreements list and edits (R-BC-3)', () => {
  let t: TestApp;
  let hq: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    hq = (await t.database.db.execute<{ id: string }>(sql`select id from purchasing_account where number = '71000101'`)).rows[0]?.id ?? '';
  });
  afterAll(() => t.close());

  type Page = {
    total: number;
    items: {
      id: string;
      number: string;
      status: string;
      startDate: string | null;
      anniversaryMonth: number | null;
      account: { number: string };
    }[];
  };

  it('R-BC-3: each filter narrows the list: account name and number, agreement number, start date, status, location', async () => {
    const admin = t.as(await signIn(t.app, 'admin@contoso.example'));
    const list = async (query = '') => (await admin.get(`/business-center/agreements${query}`)).json() as Page;
    const all = await list();
    expect(all.total).toBe(5);
    expect(all.items.map((a) => a.account.number)).toEqual(['71000101', '71000101', '71000101', '71000102', '71000102']);
    expect((await list('?accountName=nordics')).items.map((a) => a.number)).toEqual(['8765-4321', 'V1234567']);
    expect((await list('?accountNumber=71000101')).total).toBe(3);
    expect((await list('?agreementNumber=V98')).items.map((a) => a.number)).toEqual(['V9876543']);
    const starts = all.items
      .map((a) => a.startDate)
      .filter((d): d is string => d !== null)
      .sort();
    const first = starts[0] ?? '';
    const narrowed = await list(`?startFrom=${starts.at(-1)}`);
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(all.total);
    expect((await list(`?startTo=${first}`)).items.every((a) => a.startDate !== null && a.startDate <= first)).toBe(true);
    const statuses = [...new Set(all.items.map((a) => a.status))];
    for (const s of statuses) {
      const byStatus = await list(`?status=${s}`);
      expect(byStatus.items.every((a) => a.status === s)).toBe(true);
      expect(byStatus.total).toBe(all.items.filter((a) => a.status === s).length);
    }
    const accounts = (await admin.get('/purchasing-accounts')).json().accounts as {
      number: string;
      address: { city: string; country: string };
    }[];
    const nordics = accounts.find((a) => a.number === '71000102');
    const hqAccount = accounts.find((a) => a.number === '71000101');
    if (nordics && hqAccount && nordics.address.city !== hqAccount.address.city) {
      expect(
        (await list(`?location=${encodeURIComponent(nordics.address.city)}`)).items.every((a) => a.account.number === '71000102'),
      ).toBe(true);
    }
    expect((await list('?location=Atlantis')).total).toBe(0);
    // Paged.
    const page = await list('?limit=2&offset=2');
    expect(page.items.map((a) => a.number)).toEqual(all.items.slice(2, 4).map((a) => a.number));
    expect(page.total).toBe(5);
    // One account's list, and the viewer's scope: only Headquarters.
    expect(((await admin.get(`/purchasing-accounts/${hq}/agreements`)).json() as Page).total).toBe(3);
    const viewer = t.as(await signIn(t.app, 'viewer@contoso.example'));
    expect(((await viewer.get('/business-center/agreements')).json() as Page).items.every((a) => a.account.number === '71000101')).toBe(
      true,
    );
    // Bad input.
    expect((await admin.get('/business-center/agreements?status=GONE')).statusCode).toBe(400);
  });

  it('R-BC-3: the anniversary month of an active agreement and the account’s address and contact are edited, audited and mailed', async () => {
    const admin = t.as(await signIn(t.app, 'admin@contoso.example'));
    const page = (await admin.get(`/purchasing-accounts/${hq}/agreements`)).json() as Page;
    const active = page.items.find((a) => a.status === 'ACTIVE');
    if (!active) throw new Error('no active agreement');
    const set = await admin.put(`/purchasing-accounts/${hq}/agreements/${active.id}/anniversary-month`, { month: 7 });
    expect(set.json()).toEqual({ month: 7 });
    const after = (await admin.get(`/purchasing-accounts/${hq}/agreements?agreementNumber=${active.number}`)).json() as Page;
    expect(after.items[0]?.anniversaryMonth).toBe(7);
    expect((await admin.put(`/purchasing-accounts/${hq}/agreements/${active.id}/anniversary-month`, { month: 13 })).statusCode).toBe(400);
    const inactive = page.items.find((a) => a.status !== 'ACTIVE');
    if (inactive)
      expect((await admin.put(`/purchasing-accounts/${hq}/agreements/${inactive.id}/anniversary-month`, { month: 3 })).json().code).toBe(
        'AGREEMENT_NOT_ACTIVE',
      );

    const profile = await admin.patch(`/purchasing-accounts/${hq}/profile`, {
      address: { line1: 'One Contoso Way', line2: null, postalCode: '111 22', city: 'Stockholm', country: 'SE' },
      contact: { name: 'Procurement Desk', email: 'procurement@contoso.example' },
    });
    expect(profile.statusCode, profile.body).toBe(204);
    const account = (await admin.get(`/purchasing-accounts/${hq}`)).json();
    expect(account.address).toMatchObject({ line1: 'One Contoso Way', city: 'Stockholm', country: 'SE' });
    expect(account.contact).toEqual({ name: 'Procurement Desk', email: 'procurement@contoso.example' });
    // NUL refused, nothing changed.
    expect(
      (await admin.patch(`/purchasing-accounts/${hq}/profile`, { contact: { name: 'A\u0000B', email: 'x@contoso.example' } })).statusCode,
    ).toBe(400);
    expect((await admin.get(`/purchasing-accounts/${hq}`)).json().contact.name).toBe('Procurement Desk');
    // The viewer may not edit.
    const viewer = t.as(await signIn(t.app, 'viewer@contoso.example'));
    expect((await viewer.put(`/purchasing-accounts/${hq}/agreements/${active.id}/anniversary-month`, { month: 2 })).statusCode).toBe(403);

    const rows = await t.database.db.execute<{ action: string; n: number }>(
      sql`select action, count(*)::int as n from audit_log where action like 'business-center.%' group by action order by action`,
    );
    expect(rows.rows).toEqual([
      { action: 'business-center.account-profile', n: 1 },
      { action: 'business-center.anniversary-month', n: 1 },
    ]);
    const mailed = await t.database.db.execute<{ to_address: string; subject: string }>(
      sql`select to_address, subject from outbox where template = 'accountDetailsChanged' order by id`,
    );
    const to = mailed.rows.map((r) => r.to_address);
    expect(to).toContain('admin@contoso.example');
    expect(to).toContain('partner@adatum-partners.example');
    expect(mailed.rows.length).toBeGreaterThanOrEqual(4);
  });
});
