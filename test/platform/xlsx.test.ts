import { describe, expect, it } from 'vitest';
import { cellValue, workbookBuffer } from '../../src/platform/xlsx.js';
import { openedInLibreOffice, trimmed } from '../helpers/libreoffice.js';

describe('the workbook writer: typed columns a spreadsheet reads right (R-REP-4)', () => {
  it('R-REP-4: text stays a string, numbers stay numbers, an ISO day becomes a date, an empty value an empty cell', () => {
    expect(cellValue('text', '0012')).toBe('0012');
    expect(cellValue('text', '1/9')).toBe('1/9');
    expect(cellValue('text', 12)).toBe('12');
    expect(cellValue('integer', 7)).toBe(7);
    expect(cellValue('currency', 12.5)).toBe(12.5);
    expect(cellValue('date', '2026-01-31')).toEqual(new Date(Date.UTC(2026, 0, 31)));
    expect(cellValue('integer', null)).toBeNull();
    expect(cellValue('text', '')).toBeNull();
    // A control character XML cannot hold would make the whole file unreadable.
    expect(cellValue('text', 'a\u0001b\u0000c\td')).toBe('a b c\td');
    expect(() => cellValue('integer', '12')).toThrow();
    expect(() => cellValue('currency', Number.NaN)).toThrow();
    expect(() => cellValue('date', '31/01/2026')).toThrow();
  });

  it('R-REP-4: LibreOffice reads each column as written: text as typed, the amount a number with its currency code in its own column, the day a date', async () => {
    const file = await workbookBuffer({
      sheet: 'Prices',
      preamble: [['Price list'], ['As of', '2026-03-01']],
      columns: [
        { header: 'Part', kind: 'text' },
        { header: 'Quantity', kind: 'integer' },
        { header: 'Share', kind: 'decimal' },
        { header: 'Amount', kind: 'currency' },
        { header: 'Currency', kind: 'text' },
        { header: 'Valid from', kind: 'date' },
      ],
      rows: [
        ['1/9', 3, 0.25, 1234.5, 'SEK', '2026-01-05'],
        ['0012', -7, 1.5, 12, 'USD', null],
        ['=1+1', 0, 2, 0.1, 'EUR', '2026-12-31'],
        ['3E5', null, null, null, '', '2026-02-28'],
      ],
      footer: [['1-2', 2]],
      notes: ['+46 8 123'],
    });
    const { prices = [] } = await openedInLibreOffice({ prices: file });
    expect(prices.map(trimmed)).toEqual([
      ['Price list'],
      ['As of', '2026-03-01'],
      [],
      ['Part', 'Quantity', 'Share', 'Amount', 'Currency', 'Valid from'],
      ['1/9', '3', '0.25', '1,234.50', 'SEK', '2026-01-05'],
      ['0012', '-7', '1.50', '12.00', 'USD'],
      ['=1+1', '0', '2.00', '0.10', 'EUR', '2026-12-31'],
      ['3E5', '', '', '', '', '2026-02-28'],
      ['1-2', '2'],
      [],
      ['+46 8 123'],
    ]);
  }, 120_000);
});
