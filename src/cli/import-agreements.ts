import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { partnerRecordsForRelationship } from '../modules/partners/for-relationship.js';
import { contactGrantsForRelationship } from '../modules/permissions/contact-grants.js';
import { onboardMany } from '../modules/relationship/onboarding/bulk.js';
import { agreementsFromCsv, columnOf } from '../modules/relationship/onboarding/csv.js';
import { ONBOARDING_MESSAGES } from '../modules/relationship/onboarding/problems.js';
import type { OnboardingError } from '../modules/relationship/onboarding/rules.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';

export interface AgreementOutcome {
  number: string | null;
  result: 'onboarded' | 'unchanged' | 'rejected';
  licensingIds: number;
  errors: OnboardingError[];
  /** For a refusal that is not a value's (AGREEMENT_CONFLICT): its code and sentence, at the agreement's first row. */
  code?: string;
  detail?: string;
  line?: number | null;
}

export interface AgreementImport {
  outcomes: AgreementOutcome[];
  fileErrors: string[];
  /** False when anything was refused: then nothing of the file was written. */
  committed: boolean;
}

class Refused extends Error {}

/**
 * `lsc import-agreements FILE.csv`: every agreement of the file read with the API's schema and
 * checked by the same rules, then onboarded together (onboardMany: one statement per table, not
 * per agreement), all of the file or nothing, in one transaction: one bad
 * value anywhere and nothing is written, every error named with its row (from 1, the header row)
 * and column. Importing the same file again onboards nothing new.
 */
export async function importAgreementsFile(db: Db, config: Config, file: string, clock: Clock = systemClock): Promise<AgreementImport> {
  const text = await readFile(file, 'utf8');
  const parsed = agreementsFromCsv(text);
  const name = path.basename(file);
  if (parsed.unreadable) return { outcomes: [], fileErrors: [`${name}: not a CSV file: ${parsed.unreadable}`], committed: false };
  if (parsed.missingColumns.length > 0) {
    return { outcomes: [], fileErrors: [`${name}: missing column(s) ${parsed.missingColumns.join(', ')}`], committed: false };
  }
  const outcomes: AgreementOutcome[] = [];
  if (parsed.orphanErrors.length > 0) outcomes.push({ number: null, result: 'rejected', licensingIds: 0, errors: parsed.orphanErrors });
  try {
    await db.transaction(async (tx) => {
      const refused = parsed.agreements.filter((a) => !a.agreement || a.errors.length > 0);
      const readable = parsed.agreements.flatMap((a) =>
        a.agreement && a.errors.length === 0 ? [{ input: a.agreement, lines: a.lines }] : [],
      );
      const done = await onboardMany(
        tx,
        { config, clock, grants: contactGrantsForRelationship, partners: partnerRecordsForRelationship },
        readable,
      );
      const byNumber = new Map(done.map((o) => [o.number, o]));
      for (const a of parsed.agreements) {
        if (refused.includes(a)) {
          outcomes.push({ number: a.number, result: 'rejected', licensingIds: 0, errors: a.errors });
          continue;
        }
        const o = byNumber.get(a.number);
        if (!o) continue;
        outcomes.push({
          ...o,
          ...(o.code ? { detail: `Agreement ${a.number} was already onboarded with different content.` } : {}),
        });
      }
      if (outcomes.some((o) => o.result === 'rejected')) throw new Refused();
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { outcomes, fileErrors: [], committed: false };
  }
  return { outcomes, fileErrors: [], committed: true };
}

export function describeAgreementImport({ outcomes, committed }: AgreementImport): string {
  const out: string[] = [];
  for (const o of outcomes) {
    const name = o.number ? `Agreement ${o.number}` : 'Rows without an agreement number';
    if (o.result === 'onboarded') out.push(`${name}: onboarded (${o.licensingIds} Licensing IDs)`);
    else if (o.result === 'unchanged') out.push(`${name}: already onboarded with the same content`);
    else {
      out.push(`${name}: refused${o.errors.length ? '' : ` (line ${o.line ?? '-'}: ${o.code}: ${o.detail})`}`);
      for (const e of o.errors) out.push(`  line ${e.line ?? '-'}, ${columnOf(e.field)}: ${e.code} ${ONBOARDING_MESSAGES[e.code].en}`);
    }
  }
  const count = (r: AgreementOutcome['result']) => outcomes.filter((o) => o.result === r && o.number !== null).length;
  out.push(
    committed
      ? `${count('onboarded')} onboarded, ${count('unchanged')} unchanged.`
      : `Nothing was written: ${outcomes.filter((o) => o.result === 'rejected').length} agreement(s) refused. Correct the file and import it again.`,
  );
  return out.join('\n');
}
