import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PROBLEMS } from '../src/problems.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Every code raised anywhere in src/: DomainError('X', …), invalid('X', …), conflict('X', …). */
function raisedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const f of files('src')) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:new DomainError|invalid|conflict|gone|tooMany)\(\s*'([A-Z0-9_]+)'/g)) codes.add(m[1] ?? '');
  }
  return codes;
}

describe('problem codes speak both languages', () => {
  it('R-SUP-3: every code the API raises has an English and a Swedish title', () => {
    const missing = [...raisedCodes()].filter((c) => !ALL_PROBLEMS[c]?.en || !ALL_PROBLEMS[c]?.sv);
    expect(missing).toEqual([]);
    for (const [code, t] of Object.entries(ALL_PROBLEMS)) expect(t.sv, code).not.toEqual(t.en);
  });

  it('R-SUP-3: the portal translates every code the API raises', () => {
    for (const lang of ['en', 'sv']) {
      const messages = JSON.parse(readFileSync(`web/src/i18n/${lang}.json`, 'utf8')) as { errors?: Record<string, string> };
      const missing = [...raisedCodes()].filter((c) => !messages.errors?.[c]);
      expect(missing, lang).toEqual([]);
    }
  });
});
