import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.js';

export const PASSWORD = 'download-password-1';

const rows = async <T extends Record<string, unknown>>(db: Db, q: ReturnType<typeof sql>) => (await db.execute<T>(q)).rows;

export async function productId(db: Db, code: string): Promise<string> {
  const [p] = await rows<{ id: string }>(db, sql`select id from product where code = ${code}`);
  if (!p) throw new Error(`no product ${code}`);
  return p.id;
}

export async function licensingIdOf(db: Db, number: string): Promise<string> {
  const [l] = await rows<{ id: string }>(db, sql`select id from licensing_id where number = ${number}`);
  if (!l) throw new Error(`no Licensing ID ${number}`);
  return l.id;
}

export interface DemoFile {
  id: string;
  file_name: string;
  size: number;
  sha256: string;
  language: string;
}

export async function filesOf(db: Db, code: string): Promise<DemoFile[]> {
  return rows<DemoFile & Record<string, unknown>>(
    db,
    sql`select f.id, f.file_name, f.size::int as size, f.sha256, f.language from download_file f join product p on p.id = f.product_id
      where p.code = ${code} and f.deleted_at is null order by f.file_name`,
  );
}

/** Demo Licensing IDs by number. */
export const ENROLLMENT = '67012345';
export const PCN = '8765-4321';
export const OPEN_LICENSE = 'V1234567';
export const OPEN_VALUE = 'V9876543';

export interface WebSession {
  headers: Record<string, string>;
}

/** Signs in over real HTTP; the headers carry the session cookie and the CSRF token. */
export async function webSignIn(base: string, email: string, password: string): Promise<WebSession> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]));
  return {
    headers: { cookie: `lsc_session=${cookies.lsc_session}; lsc_csrf=${cookies.lsc_csrf}`, 'x-csrf-token': cookies.lsc_csrf ?? '' },
  };
}

export interface Link {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  url: string;
  expiresAt: string;
}

/** Signed links for a product's bundle in a language and system (or some of its files). */
export async function linksFor(base: string, session: WebSession, product: string, body: Record<string, unknown>): Promise<Link[]> {
  const res = await fetch(`${base}/api/v1/downloads/${product}/links`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`links: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: Link[] }).items;
}

/** A link's path and query on this server (links name the public address, PUBLIC_URL). */
export const onServer = (base: string, url: string) => {
  const u = new URL(url);
  return `${base}${u.pathname}${u.search}`;
};
