import { loadConfig } from '../../config.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { issueByRules } from './issue.js';
import { createKeyVault } from './key-crypto.js';
import { keyPolicy } from './rules.js';

/**
 * Demo data: each demo Licensing ID gets the keys its program and orders call for, under the
 * default business numbers. Keys are sealed with the running instance's key-encryption key, so
 * they can only be seeded where that key is known (`lsc start`, `lsc seed`).
 */
export async function seedDemoKeys(tx: DbOrTx, keyEncryptionKey: Buffer, licensingIds: string[], now: Date): Promise<number> {
  const vault = createKeyVault(keyEncryptionKey);
  const policy = keyPolicy(loadConfig({}));
  let count = 0;
  for (const id of licensingIds) count += (await issueByRules(tx, vault, policy, id, { now, by: null })).issued.length;
  return count;
}
