import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleLabels } from '../../src/modules/keys/export-labels.js';
import { KEY_TYPES } from '../../src/modules/keys/rules.js';
import { CODE_LABELS, PROGRAM_LABELS } from '../../src/modules/reports/code-labels.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const i18n = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');
const json = (file: string) => JSON.parse(readFileSync(path.join(i18n, file), 'utf8'));

describe('Exports made for people say what the screen says (R-REP-4, R-KEY-7)', () => {
  it('R-REP-4: the server’s code and program words are the portal’s, in English and Swedish', () => {
    for (const locale of ['en', 'sv'] as const) {
      expect(CODE_LABELS[locale]).toEqual(json(`areas/reports.${locale}.json`).reports.codes);
      expect(PROGRAM_LABELS[locale]).toEqual(json(`${locale}.json`).programs);
    }
  });

  it('R-KEY-7: the key file’s Type and header words for people are the portal’s key types and print headings', () => {
    for (const locale of ['en', 'sv'] as const) {
      const downloads = json(`areas/downloads.${locale}.json`).downloads;
      const labels = peopleLabels(locale);
      for (const type of KEY_TYPES) expect(labels.types[type]).toBe(downloads.keyTypes[type]);
      expect(labels.columns).toEqual(Object.values(downloads.print.columns));
    }
  });

  describe('through the report export route', () => {
    let t: TestApp;
    let admin: Session;
    beforeAll(async () => {
      t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
      admin = await signIn(t.app, 'admin@contoso.example');
    });
    afterAll(() => t.close());

    const COLUMNS = ['agreementNumber', 'program', 'licensingId', 'status'];
    const csvOf = async () => {
      const res = await t.as(admin).get(`/reports/agreements/export?format=csv&columns=${COLUMNS.join(',')}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
    };
    const sheetOf = async () => {
      const res = await t.as(admin).get(`/reports/agreements/export?format=xlsx&columns=${COLUMNS.join(',')}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      book.worksheets[0]?.eachRow((r) => {
        // Array.from, not map: a row's values are sparse where a cell is empty.
        rows.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? '')));
      });
      return rows;
    };

    it('R-REP-4: the Agreements report’s CSV and workbook carry the status and program in the user’s words, in English and Swedish', async () => {
      const ran = (await t.as(admin).post('/reports/agreements/run', { columns: COLUMNS })).json() as {
        columns: { id: string }[];
        rows: Record<string, string>[];
        total: number;
      };
      const ids = ran.columns.map((c) => c.id);
      expect(ids).toEqual(COLUMNS);
      expect(ran.rows).toHaveLength(ran.total);
      expect(ran.rows.some((r) => r.status === 'ACTIVE')).toBe(true);
      const words = (locale: 'en' | 'sv') =>
        ran.rows.map((r) =>
          ids.map((id) =>
            id === 'program'
              ? (PROGRAM_LABELS[locale][r[id] ?? ''] ?? r[id])
              : id === 'status'
                ? CODE_LABELS[locale][r[id] ?? '']
                : (r[id] ?? ''),
          ),
        );

      const en = await csvOf();
      expect(en[0]).toEqual(['Agreement number', 'Program', 'Licensing ID', 'Status']);
      expect(en.slice(1)).toEqual(words('en'));
      expect(en.slice(1).some((r) => r[3] === 'Active')).toBe(true);
      expect((await sheetOf()).slice(-ran.rows.length)).toEqual(words('en'));

      expect((await t.as(admin).patch('/me', { locale: 'sv' })).statusCode).toBe(200);
      try {
        const sv = await csvOf();
        expect(sv[0]).toEqual(['Avtalsnummer', 'Program', 'Licens-ID', 'Status']);
        expect(sv.slice(1)).toEqual(words('sv'));
        expect(sv.slice(1).some((r) => r[3] === 'Aktiv')).toBe(true);
        expect((await sheetOf()).slice(-ran.rows.length)).toEqual(words('sv'));
      } finally {
        await t.as(admin).patch('/me', { locale: 'en' });
      }
    });
  });
});
