import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { linksFor, onServer, productId, type WebSession, webSignIn } from './helpers.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the publisher’s back office for download files', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let storeDir: string;
  let operator: WebSession;
  let admin: WebSession;
  let dc: string;
  const content = randomBytes(5 * 1024 * 1024 + 123);

  const storedFiles = async () =>
    (await readdir(storeDir, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
  const upload = (
    product: string,
    query: string,
    body: Uint8Array | ReadableStream,
    headers: Record<string, string> = {},
    who = operator,
  ) =>
    fetch(`${server.url}/api/v1/operator/products/${product}/files?${query}`, {
      method: 'POST',
      headers: { ...who.headers, 'content-type': 'application/octet-stream', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  const audits = async (action: string) =>
    (await server.database.db.execute<{ target_id: string }>(sql`select target_id from audit_log where action = ${action}`)).rows;

  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(tmpdir(), 'lsc-upload-'));
    server = await startTestServer({ env: { FILE_STORE_DIR: storeDir, SIGN_IN_IP_LIMIT: '10000' } });
    operator = await webSignIn(server.url, 'operator@northwind.example', 'demo-password-1');
    admin = await webSignIn(server.url, 'admin@contoso.example', 'demo-password-1');
    dc = await productId(server.database.db, 'SRV-DC-2022');
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('R-DL-3: an uploaded file (streamed, hashed on the way in) makes a product available for its language and system', async () => {
    const name = 'NW_Server_2022_Datacenter_English_x64.iso';
    // streamed in small pieces, as a large upload arrives
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < content.length; i += 64 * 1024) c.enqueue(content.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    const res = await upload(dc, `name=${name}&language=en&os=windows&arch=x64&format=ISO`, stream, {
      'x-checksum-sha256': sha256(content).toUpperCase(),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ productId: dc, name, language: 'en', os: 'WINDOWS', architecture: 'X64', format: 'ISO' });
    expect(file.size).toBe(content.length);
    expect(file.sha256).toBe(sha256(content));
    expect((await audits('downloads.file.upload')).map((a) => a.target_id)).toContain(file.id);

    const list = await (await fetch(`${server.url}/api/v1/operator/products/${dc}/files`, { headers: operator.headers })).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const page = await (await fetch(`${server.url}/api/v1/downloads/${dc}?language=en&os=WINDOWS`, { headers: admin.headers })).json();
    expect(page).toMatchObject({ available: true, hasDownload: true, files: [{ id: file.id, sha256: file.sha256 }] });
    const [link] = await linksFor(server.url, admin, dc, { fileIds: [file.id] });
    const got = Buffer.from(await (await fetch(onServer(server.url, link?.url ?? ''))).arrayBuffer());
    expect(sha256(got)).toBe(sha256(content));
  });

  it('a client checksum that does not match is 400 CHECKSUM_MISMATCH and nothing is kept', async () => {
    const before = await storedFiles();
    const rows = async () => (await server.database.db.execute(sql`select id from download_file`)).rowCount;
    const count = await rows();
    const res = await upload(dc, 'name=other.iso&language=en&os=WINDOWS&arch=X64&format=ISO', content, {
      'x-checksum-sha256': sha256(Buffer.from('x')),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('CHECKSUM_MISMATCH');
    expect(await storedFiles()).toEqual(before);
    expect(await rows()).toBe(count);
  });

  it('path tricks in file names are refused with INVALID_FILE_NAME before anything is stored', async () => {
    const before = await storedFiles();
    // A NUL never reaches the file-name rule: the edge refuses it in any string (INVALID_CHARACTERS).
    const refusals: [string, string][] = [
      ...['../../../etc/passwd', '..', 'a/b.iso', 'a\\b.iso', '.bashrc', 'evil%0Aname.iso', 'CON.iso'].map((name): [string, string] => [
        name,
        'INVALID_FILE_NAME',
      ]),
      ['x%00.iso', 'INVALID_CHARACTERS'],
    ];
    for (const [name, code] of refusals) {
      const res = await upload(
        dc,
        `name=${encodeURIComponent(decodeURIComponent(name))}&language=en&os=WINDOWS&arch=X64&format=ISO`,
        Buffer.from('abc'),
      );
      expect(res.status, name).toBe(400);
      expect((await res.json()).code, name).toBe(code);
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('bad uploads: a CAL, an empty file, a duplicate, bad parameters, JSON instead of bytes, a non-operator', async () => {
    const q = 'name=again.iso&language=en&os=WINDOWS&arch=X64&format=ISO';
    const cal = await upload(await productId(server.database.db, 'SRV-CAL-2022'), q, Buffer.from('abc'));
    expect([cal.status, (await cal.json()).code]).toEqual([400, 'CAL_HAS_NO_DOWNLOAD']);
    const empty = await upload(dc, q, new Uint8Array(0));
    expect([empty.status, (await empty.json()).code]).toEqual([400, 'EMPTY_FILE']);
    expect((await upload(dc, q, Buffer.from('first'))).status).toBe(201);
    const dup = await upload(dc, q, Buffer.from('second'));
    expect([dup.status, (await dup.json()).code]).toEqual([409, 'DOWNLOAD_FILE_EXISTS']);
    for (const bad of [
      'name=a.iso&language=english&os=WINDOWS&arch=X64&format=ISO',
      'name=a.iso&language=en&os=WINDOWS&arch=X64&format=DMG',
      'language=en',
    ]) {
      const res = await upload(dc, bad, Buffer.from('abc'));
      expect([res.status, (await res.json()).code], bad).toEqual([400, 'VALIDATION_FAILED']);
    }
    const json = await fetch(`${server.url}/api/v1/operator/products/${dc}/files?${q.replace('again', 'json')}`, {
      method: 'POST',
      headers: { ...operator.headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect([json.status, (await json.json()).code]).toEqual([415, 'UPLOAD_NOT_OCTET_STREAM']);
    const unknown = await upload('00000000-0000-4000-8000-000000000000', q, Buffer.from('abc'));
    expect(unknown.status).toBe(404);
    expect((await upload(dc, q.replace('again', 'admin'), Buffer.from('abc'), {}, admin)).status).toBe(403);
  });

  it('deleting a file withdraws it (404 to links already handed out), removes its bytes, keeps its download records', async () => {
    const [file] = (await (await fetch(`${server.url}/api/v1/operator/products/${dc}/files`, { headers: operator.headers })).json()).items;
    const [link] = await linksFor(server.url, admin, dc, { fileIds: [file.id] });
    expect((await fetch(onServer(server.url, link?.url ?? ''), { headers: { range: 'bytes=0-0' } })).status).toBe(206);
    const before = await storedFiles();
    const del = await fetch(`${server.url}/api/v1/operator/files/${file.id}`, { method: 'DELETE', headers: operator.headers });
    expect(del.status).toBe(204);
    expect((await storedFiles()).length).toBe(before.length - 1);
    expect((await fetch(onServer(server.url, link?.url ?? ''))).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/operator/files/${file.id}`, { method: 'DELETE', headers: operator.headers })).status).toBe(
      404,
    );
    const events = await server.database.db.execute(sql`select 1 from download_event where file_id = ${file.id}`);
    expect(events.rowCount).toBeGreaterThan(0);
    expect((await audits('downloads.file.delete')).map((a) => a.target_id)).toEqual([file.id]);
  });

  it('R-DL-6: the "More" panel is written by the back office and shown on the product page; all empty removes it', async () => {
    const put = (body: unknown) =>
      fetch(`${server.url}/api/v1/operator/products/${dc}/download-info`, {
        method: 'PUT',
        headers: { ...operator.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const res = await put({ versionNotes: 'Build 20348.', systemRequirements: '1.4 GHz 64-bit processor, 2 GB RAM' });
    expect(res.status).toBe(200);
    const page = async () => (await (await fetch(`${server.url}/api/v1/downloads/${dc}`, { headers: admin.headers })).json()).more;
    expect(await page()).toEqual({
      versionNotes: 'Build 20348.',
      specialInstructions: null,
      systemRequirements: '1.4 GHz 64-bit processor, 2 GB RAM',
    });
    expect((await put({ versionNotes: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await put({ versionNotes: '' })).status).toBe(200);
    expect(await page()).toBeNull();
    expect((await audits('downloads.info.update')).length).toBe(2);
  });
});
