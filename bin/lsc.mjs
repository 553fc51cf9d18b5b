#!/usr/bin/env node
// Runs the compiled CLI (dist/, from `npm run build`) when it is at least as new as every file in
// src/: a checkout that changed since the build runs its TypeScript sources directly instead
// (through tsx, about ten times slower to start), so there is no stale build to forget. Without src/
// (an installed package) dist/ is what there is. LSC_RUN=dist or LSC_RUN=source chooses; dist
// without a current build is an error then, not a silent fallback.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/.built');
const sources = path.join(root, 'src');

/** Whether anything under dir was modified after `since` (ms); stops at the first such file. */
function changedSince(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() ? changedSince(p, since) : statSync(p).mtimeMs > since) return true;
  }
  return statSync(dir).mtimeMs > since;
}

function currentBuild() {
  if (!existsSync(built)) return false;
  return !existsSync(sources) || !changedSince(sources, statSync(built).mtimeMs);
}

const wanted = process.env.LSC_RUN ?? 'auto';
if (!['auto', 'dist', 'source'].includes(wanted)) {
  console.error(`LSC_RUN must be auto, dist or source, not "${wanted}"`);
  process.exit(1);
}
const compiled = wanted !== 'source' && currentBuild();
if (wanted === 'dist' && !compiled) {
  console.error('LSC_RUN=dist, but dist/ is missing or older than src/: run `npm run build` first.');
  process.exit(1);
}
if (compiled) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
