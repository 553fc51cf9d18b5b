import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateError, keyId, type MakClaims, signCertificate, verifyCertificate } from '../../src/modules/activation/certificate.js';
import { createLinkSigner, type LinkClaims } from '../../src/modules/downloads/signed-link.js';
import { decodeCanonicalBase64url } from '../../src/platform/base64url.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The other spellings of a base64url text's last character that Node decodes to the same bytes (its unused low bits). */
function sameBytesLastChar(text: string): string[] {
  const bytes = Buffer.from(text, 'base64url');
  const head = text.slice(0, -1);
  return [...B64URL].map((c) => head + c).filter((t) => t !== text && Buffer.from(t, 'base64url').equals(bytes));
}

describe('decodeCanonicalBase64url: one spelling per byte string', () => {
  it('decodes the canonical text and refuses every other spelling of the same bytes', () => {
    for (const size of [1, 2, 3, 32, 64]) {
      const bytes = randomBytes(size);
      const text = bytes.toString('base64url');
      expect(decodeCanonicalBase64url(text)?.equals(bytes)).toBe(true);
      expect(decodeCanonicalBase64url(`${text}=`)).toBeNull();
      expect(decodeCanonicalBase64url(`${text}==`)).toBeNull();
      expect(decodeCanonicalBase64url(` ${text}`)).toBeNull();
      expect(decodeCanonicalBase64url(`${text.slice(0, 1)}.${text.slice(1)}`)).toBeNull();
      for (const other of sameBytesLastChar(text)) expect(decodeCanonicalBase64url(other), other).toBeNull();
    }
    expect(decodeCanonicalBase64url('')?.length).toBe(0);
    expect(decodeCanonicalBase64url('+/')).toBeNull();
  });
});

describe('signed download links hold only as they were signed', () => {
  const signer = createLinkSigner(randomBytes(32));
  const now = new Date('2026-03-01T12:00:00Z');
  const claims = (expires: number): LinkClaims => ({
    fileId: '0b5f3c1e-8f2a-4c43-9a4e-9d3b6d1f0a11',
    userId: '6f2d0a3e-7f6c-4c43-9a4e-9d3b6d1f0a11',
    method: 'MANAGER',
    expires,
  });
  const verify = (query: string) => {
    const q = Object.fromEntries(new URLSearchParams(query));
    const check = signer.verify(claims(0).fileId, q, now);
    return check.ok ? 'OK' : check.code;
  };
  /** A link whose signature has a `-` in it (about half of them do), for the `%2B` spelling. */
  const withDash = (() => {
    for (let expires = 1_772_400_000; ; expires++) {
      const query = signer.sign(claims(expires));
      if (new URLSearchParams(query).get('signature')?.includes('-')) return query;
    }
  })();
  const signatureOf = (query: string) => new URLSearchParams(query).get('signature') ?? '';
  const replaceSignature = (query: string, spelled: string) => query.replace(`signature=${signatureOf(query)}`, `signature=${spelled}`);

  it('the link as signed holds', () => {
    expect(verify(withDash)).toBe('OK');
  });

  it('a changed last signature character that decodes to the same bytes (its unused bits) is LINK_INVALID', () => {
    const variants = sameBytesLastChar(signatureOf(withDash));
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) expect(verify(replaceSignature(withDash, v)), v).toBe('LINK_INVALID');
  });

  it('padding appended to the signature (`=`, `%3D`) is LINK_INVALID', () => {
    expect(verify(replaceSignature(withDash, `${signatureOf(withDash)}=`))).toBe('LINK_INVALID');
    expect(verify(replaceSignature(withDash, `${signatureOf(withDash)}%3D`))).toBe('LINK_INVALID');
  });

  it('`%2B` (a `+`) for `-`, and `/` for `_`, are LINK_INVALID', () => {
    const sig = signatureOf(withDash);
    expect(verify(replaceSignature(withDash, sig.replaceAll('-', '%2B')))).toBe('LINK_INVALID');
    const underscored = (() => {
      for (let expires = 1_772_400_000; ; expires++) {
        const query = signer.sign(claims(expires));
        if (signatureOf(query).includes('_')) return query;
      }
    })();
    expect(verify(underscored)).toBe('OK');
    expect(verify(replaceSignature(underscored, signatureOf(underscored).replaceAll('_', '%2F')))).toBe('LINK_INVALID');
  });

  it('`expires` with a leading 0 (or a sign, or spaces) is LINK_INVALID', () => {
    const expires = new URLSearchParams(withDash).get('expires') ?? '';
    for (const spelled of [`0${expires}`, `00${expires}`, `%2B${expires}`, `%20${expires}`, `${expires}%20`]) {
      expect(verify(withDash.replace(`expires=${expires}`, `expires=${spelled}`)), spelled).toBe('LINK_INVALID');
    }
  });
});

describe('signed download links over HTTP: only the link as handed out downloads', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t.app, 'admin@contoso.example');
    const office = (await t.database.db.execute<{ id: string }>(sql`select id from product where code = 'OFF-PP-2024'`)).rows[0]?.id;
    const res = await t.as(admin).post(`/downloads/${office}/links`, { language: 'en', os: 'WINDOWS', method: 'MANAGER' });
    expect(res.statusCode, res.body).toBe(200);
    const link = new URL((res.json() as { items: { url: string }[] }).items[0]?.url ?? '');
    url = `${link.pathname}${link.search}`;
  });
  afterAll(() => t.close());

  const status = async (u: string) => {
    const res = await t.app.inject({ method: 'HEAD', url: u });
    return res.statusCode;
  };

  it('the link holds; each other spelling of its signature or expiry is 403 LINK_INVALID', async () => {
    expect(await status(url)).toBe(200);
    const q = new URLSearchParams(url.split('?')[1]);
    const sig = q.get('signature') ?? '';
    const expires = q.get('expires') ?? '';
    const spellings = [
      ...sameBytesLastChar(sig).map((v) => url.replace(sig, v)),
      url.replace(sig, `${sig}=`),
      url.replace(`expires=${expires}`, `expires=0${expires}`),
      url.replace(`expires=${expires}`, `expires=%20${expires}`),
      url.replace(`signature=${sig}`, `signature=%20${sig}`),
      ...(sig.includes('-') ? [url.replace(sig, sig.replaceAll('-', '%2B'))] : []),
    ];
    for (const spelled of spellings) {
      const res = await t.app.inject({ method: 'GET', url: spelled });
      expect([res.statusCode, res.json().code], spelled).toEqual([403, 'LINK_INVALID']);
    }
  });
});

describe('activation certificates: a changed last character fails, as the comment promises', () => {
  const publisher = generateKeyPairSync('ed25519');
  const claims: MakClaims = {
    v: 1,
    kind: 'MAK',
    issuer: keyId(publisher.publicKey),
    id: '6f2d0a3e-7f6c-4c43-9a4e-9d3b6d1f0a11',
    organizationId: 'b8a7c2a1-2222-4c43-9a4e-9d3b6d1f0a11',
    product: { code: 'WIN-ENT-11', name: 'Windows', version: '11', edition: 'Enterprise', pool: 'SYSTEMS' },
    fingerprint: 'machine-0001',
    hostname: 'pc-0001',
    machineKind: 'PHYSICAL',
    issuedAt: '2026-01-15T10:00:00.000Z',
    keyLastFive: 'X7K2Q',
    method: 'INDEPENDENT',
  };
  const cert = signCertificate(claims, publisher.privateKey);
  const reason = (c: string) => {
    try {
      verifyCertificate(c, publisher.publicKey);
      return 'OK';
    } catch (e) {
      return e instanceof CertificateError ? e.reason : String(e);
    }
  };

  it('R-KEY-4: every other spelling of the signature is BAD_SIGNATURE: unused bits of the last character, padding, +/ for -_', () => {
    expect(reason(cert)).toBe('OK');
    const signature = cert.split('.')[2] ?? '';
    const variants = sameBytesLastChar(signature);
    expect(variants.length).toBe(15); // 64 bytes in 86 characters: 4 unused bits
    for (const v of variants) expect(reason(cert.replace(`.${signature}`, `.${v}`)), v).toBe('BAD_SIGNATURE');
    expect(reason(`${cert}==`)).toBe('BAD_SIGNATURE');
    const standard = Buffer.from(signature, 'base64url').toString('base64');
    if (standard.replace(/=+$/, '') !== signature) expect(reason(cert.replace(`.${signature}`, `.${standard}`))).toBe('BAD_SIGNATURE');
  });
});
