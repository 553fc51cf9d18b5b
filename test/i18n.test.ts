import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src');

type Messages = { [key: string]: string | Messages };

const read = (file: string): Messages => JSON.parse(readFileSync(file, 'utf8')) as Messages;

/** The base file plus every area file (areas/<area>.<locale>.json), as the portal merges them. */
const load = (locale: string): Messages => {
  const areas = path.join(webSrc, 'i18n', 'areas');
  const merged = read(path.join(webSrc, 'i18n', `${locale}.json`));
  for (const f of readdirSync(areas).filter((f) => f.endsWith(`.${locale}.json`))) Object.assign(merged, read(path.join(areas, f)));
  return merged;
};

/** Flattens nested messages to dotted keys. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

const LETTER = /\p{L}/u;
const ATTRIBUTE_LITERAL = /\b(aria-label|aria-description|title|placeholder|alt|label|description)="([^"]*)"/g;
const JSX_TEXT = /(?<![=-])>([^<>{}]+)</g;

/** Hard-coded user-visible text in JSX: text between tags, and literal values of labelling attributes. */
function findJsxLiterals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of code.matchAll(JSX_TEXT)) {
    const text = match[1]?.trim() ?? '';
    if (text && LETTER.test(text) && !/[;()=]|=>|&&/.test(text)) found.push(text);
  }
  for (const match of code.matchAll(ATTRIBUTE_LITERAL)) {
    if (LETTER.test(match[2] ?? '')) found.push(`${match[1]}="${match[2]}"`);
  }
  return found;
}

describe('R-SUP-3 portal translations (English and Swedish)', () => {
  const en = flatten(load('en'));
  const sv = flatten(load('sv'));

  it('R-SUP-3: every key exists in both en.json and sv.json', () => {
    expect(
      [...en.keys()].filter((key) => !sv.has(key)),
      'missing in sv.json',
    ).toEqual([]);
    expect(
      [...sv.keys()].filter((key) => !en.has(key)),
      'missing in en.json',
    ).toEqual([]);
  });

  it('R-SUP-3: no message is empty', () => {
    const empty = [...en, ...sv].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('R-SUP-3: Swedish is a translation, not a copy of the English', () => {
    const same = [...en].filter(([key, value]) => sv.get(key) === value).length;
    expect(same / en.size).toBeLessThan(0.25);
  });

  it('R-SUP-3: every error code the API returns has a message', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
      'PERSONAL_ACCOUNT',
      'RATE_LIMITED',
      'VALIDATION_FAILED',
      'NOT_FOUND',
      'FORBIDDEN',
      'CSRF_FAILED',
      'INTERNAL',
    ]) {
      expect(en.has(`errors.${code}`), code).toBe(true);
    }
  });

  it('R-SUP-3: literal t() keys used in web/src exist', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(webSrc, /\.tsx?$/)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        const key = match[1] ?? '';
        if (!en.has(key)) missing.push(`${path.relative(webSrc, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('R-SUP-3: the literal scan catches hard-coded text', () => {
    expect(findJsxLiterals('<Title order={1}>Welcome</Title>')).toEqual(['Welcome']);
    expect(findJsxLiterals('<Button\n  variant="outline"\n>\n  Sign out\n</Button>')).toEqual(['Sign out']);
    expect(findJsxLiterals('<Burger aria-label="Open menu" />')).toEqual(['aria-label="Open menu"']);
    expect(findJsxLiterals("<Title>{t('home.title')}</Title>")).toEqual([]);
    expect(findJsxLiterals('const f = (a: Array<string>) => a.map((x) => <b key={x}>{x}</b>);')).toEqual([]);
  });

  it('R-SUP-3: no .tsx file under web/src has a JSX text literal with letters', () => {
    const offenders = sourceFiles(webSrc, /\.tsx$/).flatMap((file) =>
      findJsxLiterals(readFileSync(file, 'utf8')).map((text) => `${path.relative(webSrc, file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
