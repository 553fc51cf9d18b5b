import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBytes } from '../../src/modules/downloads/demo.js';
import { fixedClock } from '../../src/platform/clock.js';
import { startTestServer } from '../helpers/server.js';
import {
  ENROLLMENT,
  filesOf,
  type Link,
  linksFor,
  OPEN_LICENSE,
  onServer,
  PASSWORD,
  productId,
  type WebSession,
  webSignIn,
} from './helpers.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Reads a response body, stopping (and dropping the connection) after `limit` bytes. */
async function readUpTo(res: Response, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let n = 0;
  while (n < limit) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(Buffer.from(value));
    n += value.length;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(parts).subarray(0, Math.min(n, limit));
}

describe('file serving over HTTP: Range, If-Range, ETag, signed links', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let storeDir: string;
  const clock = fixedClock(new Date());
  const s: Record<string, WebSession> = {};
  let office: string;
  let iso: Link;
  let isoBytes: Buffer;

  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(tmpdir(), 'lsc-serving-'));
    server = await startTestServer({ clock, env: { FILE_STORE_DIR: storeDir, SIGN_IN_IP_LIMIT: '10000' } });
    const db = server.database.db;
    await server.given.user('open-only@contoso.example', { password: PASSWORD, grants: [{ on: OPEN_LICENSE, roles: ['DOWNLOAD'] }] });
    await server.given.user('sam@contoso.example', { password: PASSWORD, grants: [{ on: ENROLLMENT, roles: ['SA_MANAGER'] }] });
    s.admin = await webSignIn(server.url, 'admin@contoso.example', 'demo-password-1');
    s.viewer = await webSignIn(server.url, 'viewer@contoso.example', 'demo-password-1');
    s.openOnly = await webSignIn(server.url, 'open-only@contoso.example', PASSWORD);
    s.sam = await webSignIn(server.url, 'sam@contoso.example', PASSWORD);
    office = await productId(db, 'OFF-PP-2024');
    const links = await linksFor(server.url, s.admin, office, { language: 'en', os: 'WINDOWS', method: 'MANAGER' });
    iso = links.find((l) => l.name.endsWith('.iso')) as Link;
    // The demo file's bytes, made again independently of the server.
    const parts: Buffer[] = [];
    for await (const b of demoBytes(await demoKeyOf(iso.fileId), iso.size)) parts.push(b);
    isoBytes = Buffer.concat(parts);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  /** The seed key the demo file was generated from (its bytes are a function of it). */
  async function demoKeyOf(fileId: string): Promise<string> {
    const [f] = (
      await server.database.db.execute<{ file_name: string; code: string; size: number }>(
        sql`select f.file_name, p.code, f.size::int as size from download_file f join product p on p.id = f.product_id where f.id = ${fileId}`,
      )
    ).rows;
    const label = `${f?.code}/${f?.file_name}`;
    return `demo-${f?.size}-${createHash('sha256').update(label).digest('hex').slice(0, 24)}`;
  }

  const fetchLink = (link: Link, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(onServer(server.url, link.url), { method, headers });

  it('R-DL-5: a signed link serves the whole file with its length, strong ETag, published SHA-256 and a safe attachment name', async () => {
    expect(iso).toMatchObject({ name: 'NW_Office_ProPlus_2024_English_x64.iso', size: 2 * 1024 * 1024 });
    // One hour from now, in whole seconds as the link carries it.
    expect(new Date(iso.expiresAt).getTime()).toBe(Math.floor(clock.now().getTime() / 1000) * 1000 + 60 * 60 * 1000);
    const res = await fetchLink(iso);
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(iso.size));
    expect(res.headers.get('etag')).toBe(`"${iso.sha256}"`);
    expect(res.headers.get('x-checksum-sha256')).toBe(iso.sha256);
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(iso.sha256, 'hex').toString('base64')}:`);
    expect(res.headers.get('content-type')).toBe('application/x-iso9660-image');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${iso.name}"; filename*=UTF-8''${iso.name}`);
    const body = await readUpTo(res);
    expect(sha256(body)).toBe(iso.sha256);
    expect(body.equals(isoBytes)).toBe(true);
  });

  it('R-DL-5: HEAD answers the same headers without a body and is not recorded as a download', async () => {
    const before = await events();
    const res = await fetchLink(iso, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(iso.size));
    expect(res.headers.get('etag')).toBe(`"${iso.sha256}"`);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    const ranged = await fetchLink(iso, { range: 'bytes=100-199' }, 'HEAD');
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${iso.size}`);
    expect(ranged.headers.get('content-length')).toBe('100');
    expect(await events()).toHaveLength(before.length);
  });

  it('R-DL-5: a Range answers 206 with Content-Range and exactly those bytes; a suffix range the last bytes', async () => {
    const res = await fetchLink(iso, { range: 'bytes=1000-1999' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 1000-1999/${iso.size}`);
    expect(res.headers.get('content-length')).toBe('1000');
    expect((await readUpTo(res)).equals(isoBytes.subarray(1000, 2000))).toBe(true);
    const tail = await fetchLink(iso, { range: 'bytes=-10' });
    expect(tail.headers.get('content-range')).toBe(`bytes ${iso.size - 10}-${iso.size - 1}/${iso.size}`);
    expect((await readUpTo(tail)).equals(isoBytes.subarray(iso.size - 10))).toBe(true);
  });

  it('R-DL-5: a download cut four times resumes each time where it stopped (Range + If-Range) and ends with the right SHA-256', async () => {
    const before = (await events()).length;
    const parts: Buffer[] = [];
    let have = 0;
    const cuts = [300_000, 500_000, 1, 700_000];
    for (const cut of cuts) {
      const res = await fetchLink(iso, have ? { range: `bytes=${have}-`, 'if-range': `"${iso.sha256}"` } : {});
      expect(res.status).toBe(have ? 206 : 200);
      if (have) expect(res.headers.get('content-range')).toBe(`bytes ${have}-${iso.size - 1}/${iso.size}`);
      const got = await readUpTo(res, cut);
      parts.push(got);
      have += got.length;
    }
    const last = await fetchLink(iso, { range: `bytes=${have}-`, 'if-range': `"${iso.sha256}"` });
    expect(last.status).toBe(206);
    parts.push(await readUpTo(last));
    const whole = Buffer.concat(parts);
    expect(whole.length).toBe(iso.size);
    expect(sha256(whole)).toBe(iso.sha256);
    const recorded = (await events()).slice(before);
    expect(recorded.map((e) => [e.status, e.range, e.method])).toEqual([
      [200, null, 'MANAGER'],
      [206, 'bytes=300000-', 'MANAGER'],
      [206, 'bytes=800000-', 'MANAGER'],
      [206, 'bytes=800001-', 'MANAGER'],
      [206, 'bytes=1500001-', 'MANAGER'],
    ]);
  });

  it('R-DL-5: If-Range with a stale ETag sends the whole file (200), so a resumed copy of an older file restarts', async () => {
    const res = await fetchLink(iso, { range: 'bytes=100-', 'if-range': `"${'0'.repeat(64)}"` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBeNull();
    expect(sha256(await readUpTo(res))).toBe(iso.sha256);
  });

  it('R-DL-5: a range past the end is 416 with Content-Range bytes */size; a malformed range is ignored', async () => {
    const res = await fetchLink(iso, { range: `bytes=${iso.size}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${iso.size}`);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('RANGE_NOT_SATISFIABLE');
    const malformed = await fetchLink(iso, { range: 'bytes=9-1' });
    expect(malformed.status).toBe(200);
    expect((await readUpTo(malformed)).length).toBe(iso.size);
  });

  it('R-DL-5: several ranges come back as multipart/byteranges with each part’s bytes', async () => {
    const res = await fetchLink(iso, { range: 'bytes=0-9, 5000-5009' });
    expect(res.status).toBe(206);
    const type = res.headers.get('content-type') ?? '';
    const boundary = /boundary=(\S+)/.exec(type)?.[1];
    expect(type.startsWith('multipart/byteranges')).toBe(true);
    const body = await readUpTo(res);
    expect(body.length).toBe(Number(res.headers.get('content-length')));
    const text = body.toString('latin1');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain(`Content-Range: bytes 0-9/${iso.size}`);
    expect(Buffer.from(parts[1]?.split('\r\n\r\n')[1]?.slice(0, 10) ?? '', 'latin1').equals(isoBytes.subarray(5000, 5010))).toBe(true);
  });

  it('If-None-Match with the ETag answers 304 without a body', async () => {
    const res = await fetchLink(iso, { 'if-none-match': `"${iso.sha256}"` });
    expect(res.status).toBe(304);
  });

  it('tampered and foreign links are 403 LINK_INVALID; an expired one 403 LINK_EXPIRED', async () => {
    const u = new URL(onServer(server.url, iso.url));
    const tamper = async (k: string, v: string) => {
      const t = new URL(u);
      t.searchParams.set(k, v);
      const res = await fetch(t);
      return [res.status, (await res.json()).code];
    };
    expect(await tamper('expires', String(Number(u.searchParams.get('expires')) + 3600))).toEqual([403, 'LINK_INVALID']);
    expect(await tamper('user', '00000000-0000-4000-8000-000000000000')).toEqual([403, 'LINK_INVALID']);
    expect(await tamper('method', 'BROWSER')).toEqual([403, 'LINK_INVALID']);
    expect(await tamper('signature', 'AAAA')).toEqual([403, 'LINK_INVALID']);
    // the signature of one file does not open another
    const other = (await filesOf(server.database.db, 'OFF-PP-2021'))[0];
    const moved = await fetch(`${server.url}/api/v1/files/${other?.id}/content${u.search}`);
    expect([moved.status, (await moved.json()).code]).toEqual([403, 'LINK_INVALID']);

    clock.advance(61 * 60 * 1000);
    try {
      const late = await fetch(u);
      expect([late.status, (await late.json()).code]).toEqual([403, 'LINK_EXPIRED']);
    } finally {
      clock.advance(-61 * 60 * 1000);
    }
  });

  it('R-DL-1, R-DL-2: without a link, a session that may download the product works; others get 401, 403 or 404', async () => {
    const url = `${server.url}/api/v1/files/${iso.fileId}/content`;
    const as = (who: string) => fetch(url, { headers: { ...(s[who]?.headers ?? {}), range: 'bytes=0-0' } });
    expect((await as('admin')).status).toBe(206);
    expect((await as('sam')).status).toBe(206); // SA Manager may download (R-DL-1)
    expect((await as('viewer')).status).toBe(403); // own organization, no download role
    expect((await as('openOnly')).status).toBe(404); // not purchased on the Open License (R-DL-2)
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/files/00000000-0000-4000-8000-000000000000/content`)).status).toBe(404);
    const sessionEvents = (await events()).filter((e) => e.method === 'BROWSER');
    expect(sessionEvents.length).toBeGreaterThanOrEqual(2);
  });

  it('R-DL-1: a link stops working when its user loses the download role', async () => {
    const [sam] = await linksFor(server.url, s.sam as WebSession, office, { fileIds: [iso.fileId] });
    expect((await fetch(onServer(server.url, sam?.url ?? ''), { headers: { range: 'bytes=0-0' } })).status).toBe(206);
    await server.database.db.execute(
      sql`update role_grant set active = false where user_id = (select id from "user" where email = 'sam@contoso.example')`,
    );
    const res = await fetch(onServer(server.url, sam?.url ?? ''));
    expect(res.status).toBe(403);
  });

  it('links: unknown file ids are 404, a language with no files is DOWNLOAD_NOT_AVAILABLE, a half-given body is refused', async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/api/v1/downloads/${office}/links`, {
        method: 'POST',
        headers: { ...(s.admin?.headers ?? {}), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const foreign = (await filesOf(server.database.db, 'OFF-PP-2021'))[0]?.id;
    expect((await post({ fileIds: [foreign] })).status).toBe(404);
    const none = await post({ language: 'de', os: 'WINDOWS' });
    expect([none.status, (await none.json()).code]).toEqual([404, 'DOWNLOAD_NOT_AVAILABLE']);
    for (const bad of [{ language: 'en' }, { fileIds: [] }, { fileIds: [iso.fileId], language: 'en', os: 'WINDOWS' }, {}]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  async function events() {
    return (
      await server.database.db.execute<{ status: number; range: string | null; method: string; bytes: number }>(
        sql`select status, range, method::text, bytes::int from download_event where file_id = ${iso.fileId} order by id`,
      )
    ).rows;
  }
});
