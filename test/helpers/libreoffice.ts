import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';

const run = promisify(execFile);

/**
 * R-REP-4: what a spreadsheet program reads from each workbook, cell by cell, as LibreOffice Calc
 * shows it (its CSV export writes each cell as displayed: a date as its format shows it, text as
 * typed). All files go through one soffice call, as starting LibreOffice is the slow part; each
 * call gets its own profile so parallel test files don't share (and lock) one.
 *
 * Deliberately no skip when soffice is missing: CI installs it (.ci/run), and a missing converter
 * must fail the test, not hide the proof.
 */
export async function openedInLibreOffice(files: Record<string, Buffer>): Promise<Record<string, string[][]>> {
  const dir = await mkdtemp(join(tmpdir(), 'lsc-soffice-'));
  try {
    const names = Object.keys(files);
    for (const name of names) await writeFile(join(dir, `${name}.xlsx`), files[name] as Buffer);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        // Comma-separated, double-quoted, UTF-8 (76), from the first line.
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        dir,
        ...names.map((n) => join(dir, `${n}.xlsx`)),
      ],
      { timeout: 120_000 },
    );
    const out: Record<string, string[][]> = {};
    for (const name of names) {
      const text = await readFile(join(dir, `${name}.csv`), 'utf8');
      out[name] = parse(text, { relax_column_count: true }) as string[][];
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A row as LibreOffice writes it: trailing empty cells dropped (its CSV pads to the widest row). */
export function trimmed(row: readonly string[]): string[] {
  const r = [...row];
  while (r.length > 0 && r[r.length - 1] === '') r.pop();
  return r;
}
