import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder, the nearest one above this file that holds package.json: the same answer
 * from src/ (tsx, the tests), from dist/ and from a bundled chunk of dist/ at whatever depth, so
 * that the folders read at run time (drizzle/, web/dist/) are found from every build's layout.
 */
function findProjectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`No package.json above ${here}: the project's folder is not found`);
}

export const projectRoot = findProjectRoot();
