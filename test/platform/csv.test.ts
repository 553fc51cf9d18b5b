import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvStream, tableText } from '../../src/platform/csv.js';

/** The one cell rule of every CSV and TSV the product writes (key files, the License Summary). */
describe('spreadsheet-safe tables', () => {
  const formulas = ['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx', '＝1'];

  it('a text cell a spreadsheet would run as a formula gets an apostrophe, in CSV and TSV; a negative number stays a number', () => {
    expect(tableText([formulas], 'csv')).toBe(`'=SUM(A1),'+1,'-1+2,'@cmd,'\tx,"'\rx",'＝1\r\n`);
    expect(tableText([[...formulas.slice(0, 4), -3, 0]], 'tsv')).toBe(`'=SUM(A1)\t'+1\t'-1+2\t'@cmd\t-3\t0\r\n`);
  });

  it('CSV quotes commas, quotes, line breaks and semicolons; TSV quotes nothing and turns a tab or line break into a space', () => {
    const row = ['a,b', 'say "hi"', 'two\nlines', 'x;y', '', 'plain'];
    expect(tableText([row, ['1', 2]], 'csv')).toBe('"a,b","say ""hi""","two\nlines","x;y",,plain\r\n1,2\r\n');
    expect(tableText([['a\tb', 'say "hi"', 'two\r\nlines']], 'tsv')).toBe('a b\tsay "hi"\ttwo lines\r\n');
  });

  it('R-REP-4: leading zeros and slashes are written as typed, never rewritten as numbers or dates', () => {
    expect(tableText([['0012', '1/9', '1-2', '3E5', '00', '2026-01-05']], 'csv')).toBe('0012,1/9,1-2,3E5,00,2026-01-05\r\n');
    expect(tableText([['0012', '1/9']], 'tsv')).toBe('0012\t1/9\r\n');
  });

  it('streams CSV a row at a time, with a BOM when asked', async () => {
    function* rows() {
      yield ['Family', 'Quantity'];
      yield ['=Office', -2];
    }
    expect((await buffer(csvStream(rows(), { bom: true }))).toString('utf8')).toBe("\uFEFFFamily,Quantity\r\n'=Office,-2\r\n");
  });
});
