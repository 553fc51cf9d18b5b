import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  catalogScope,
  downloadOptions,
  fileNameAcceptable,
  filesFor,
  hasDownload,
  searchWords,
} from '../../src/modules/downloads/rules.js';
import { createLinkSigner } from '../../src/modules/downloads/signed-link.js';

describe('download rules, pure', () => {
  it('R-DL-2: Open programs alone give what was purchased; any other program, alone or with Open, the whole catalog', () => {
    const open = { fullCatalogDownloads: false };
    const enterprise = { fullCatalogDownloads: true };
    expect(catalogScope([])).toBe('NONE');
    expect(catalogScope([open, open])).toBe('PURCHASED');
    expect(catalogScope([enterprise])).toBe('FULL');
    expect(catalogScope([open, enterprise])).toBe('FULL');
  });

  it('R-DL-4: a CAL has no download whatever files exist', () => {
    expect(hasDownload({ isCal: true }, 3)).toBe(false);
    expect(hasDownload({ isCal: false }, 0)).toBe(false);
    expect(hasDownload({ isCal: false }, 1)).toBe(true);
  });

  it('R-DL-3: the settings offer only languages and systems that have files; nothing matching means not available', () => {
    const files = [
      { id: 1, language: 'en', os: 'WINDOWS', format: 'ISO' },
      { id: 2, language: 'en', os: 'WINDOWS', format: 'EXE' },
      { id: 3, language: 'sv', os: 'LINUX', format: 'ISO' },
    ];
    expect(downloadOptions(files)).toEqual({
      languages: ['en', 'sv'],
      os: ['LINUX', 'WINDOWS'],
      formats: ['EXE', 'ISO'],
      combinations: [
        { language: 'en', os: 'WINDOWS' },
        { language: 'sv', os: 'LINUX' },
      ],
    });
    expect(filesFor(files, 'en', 'WINDOWS').map((f) => f.id)).toEqual([1, 2]);
    expect(filesFor(files, 'sv', 'WINDOWS')).toEqual([]);
  });

  it('path tricks in file names are refused: separators, "..", NUL, control characters, leading dots, device names', () => {
    for (const ok of ['Office_2024_x64.iso', 'Setup (English) 1.2.exe', 'Svenska_åäö.iso', 'a'])
      expect(fileNameAcceptable(ok), ok).toBe(true);
    for (const bad of [
      '../etc/passwd',
      '..',
      '.',
      'a/b.iso',
      'a\\b.iso',
      'file\u0000.iso',
      'line\nbreak.iso',
      'tab\t.iso',
      '.hidden',
      'trailing.',
      'trailing ',
      'x..iso',
      'CON',
      'nul.txt',
      '',
      'x'.repeat(201),
      'cafe\u0301.iso', // not NFC
      'a\u202eosi.exe', // right-to-left override
    ]) {
      expect(fileNameAcceptable(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('R-DL-6: a search is its words, lower-cased', () => {
    expect(searchWords('  Office   2024 ')).toEqual(['office', '2024']);
  });

  it('signed links: the signature covers file, user, method and expiry; tampering is invalid, lateness expired', () => {
    const signer = createLinkSigner(randomBytes(32));
    const now = new Date('2025-05-01T12:00:00Z');
    const claims = {
      fileId: '11111111-1111-4111-8111-111111111111',
      userId: '22222222-2222-4222-8222-222222222222',
      method: 'MANAGER' as const,
      expires: now.getTime() / 1000 + 60,
    };
    const q = Object.fromEntries(new URLSearchParams(signer.sign(claims)));
    expect(signer.verify(claims.fileId, q, now)).toEqual({ ok: true, claims });
    expect(signer.verify(claims.fileId, q, new Date(now.getTime() + 61_000))).toEqual({ ok: false, code: 'LINK_EXPIRED' });
    const invalid = { ok: false, code: 'LINK_INVALID' };
    expect(signer.verify('33333333-3333-4333-8333-333333333333', q, now)).toEqual(invalid);
    expect(signer.verify(claims.fileId, { ...q, expires: String(claims.expires + 3600) }, now)).toEqual(invalid);
    expect(signer.verify(claims.fileId, { ...q, method: 'BROWSER' }, now)).toEqual(invalid);
    expect(signer.verify(claims.fileId, { ...q, user: '44444444-4444-4444-8444-444444444444' }, now)).toEqual(invalid);
    expect(signer.verify(claims.fileId, { ...q, signature: `${q.signature?.slice(0, -2)}AA` }, now)).toEqual(invalid);
    expect(signer.verify(claims.fileId, { ...q, signature: undefined }, now)).toEqual(invalid);
    // a tampered link that is also late still says invalid: lateness is only told for genuine links
    expect(signer.verify(claims.fileId, { ...q, method: 'BROWSER' }, new Date(now.getTime() + 3_600_000))).toEqual(invalid);
    // another instance's key does not verify this one's links
    expect(createLinkSigner(randomBytes(32)).verify(claims.fileId, q, now)).toEqual(invalid);
  });
});
