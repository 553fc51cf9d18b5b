import { sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { invalid } from '../../platform/errors.js';
import { isMeasured } from './benefits.js';
import type { BenefitRule } from './rules.js';
import { benefitRules } from './sql.js';
import { saBenefitRule } from './tables.js';

/** Why a rule cannot stand on its own, or null: a measured benefit needs a quantity, an unmeasured one none, each rule something that qualifies. */
export function ruleProblem(r: BenefitRule): string | null {
  if (r.pools.length === 0 && r.productCodes.length === 0) return 'names no pool or product';
  if (isMeasured(r.benefit) !== (r.perLicense !== null)) return isMeasured(r.benefit) ? 'needs perLicense' : 'is unmeasured: no perLicense';
  if (r.perLicense !== null && !(r.perLicense > 0)) return 'perLicense must be above 0';
  return null;
}

async function unknownProducts(tx: DbOrTx, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const res = await tx.execute<{ code: string }>(sql`
    select c as code from unnest(${`{${codes.map((c) => JSON.stringify(c)).join(',')}}`}::text[]) c
    where not exists (select 1 from product p where p.code = c)`);
  return res.rows.map((r) => r.code);
}

/** R-SA-1: the publisher reads and replaces the benefit rules as a whole. */
export function createBenefitRules({ db }: { db: Db }) {
  return {
    list: () => benefitRules(db),

    async replace(actor: Actor, rules: readonly BenefitRule[]) {
      const problems = rules.flatMap((r, i) => {
        const p = ruleProblem(r);
        return p ? [{ rule: i + 1, benefit: r.benefit, problem: p }] : [];
      });
      if (problems.length) throw invalid('SA_RULE_INVALID', 'A benefit rule is not valid.', { problems });
      return db.transaction(async (tx) => {
        const unknown = await unknownProducts(tx, [...new Set(rules.flatMap((r) => r.productCodes))]);
        if (unknown.length) throw invalid('SA_RULE_PRODUCT_UNKNOWN', 'A benefit rule names an unknown product.', { productCodes: unknown });
        const before = await benefitRules(tx);
        await tx.delete(saBenefitRule);
        if (rules.length) {
          await tx.insert(saBenefitRule).values(
            rules.map((r) => ({
              benefit: r.benefit,
              pools: [...r.pools],
              productCodes: [...r.productCodes],
              perLicense: r.perLicense === null ? null : String(r.perLicense),
            })),
          );
        }
        await audit(tx, actor, { action: 'sa.rules.replace', targetType: 'sa_benefit_rules', before, after: rules });
        return benefitRules(tx);
      });
    },
  };
}
