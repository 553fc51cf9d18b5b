import { activationBench } from './activations.js';
import { coldStartBench } from './cold-start.js';
import { licenseSummaryBench } from './license-summary.js';

/** Runs every benchmark; each figure is printed beside a reference measured in the same run. */
const benches: Record<
  string,
  () => Promise<{ name: string; value: number; unit: string; reference: number; referenceName: string; target: string }[]>
> = {
  'cold-start': coldStartBench,
  'license-summary': licenseSummaryBench,
  activations: activationBench,
};

const only = process.argv.slice(2);
let failed = false;
for (const [id, run] of Object.entries(benches)) {
  if (only.length && !only.includes(id)) continue;
  console.log(`\n## ${id}`);
  try {
    for (const r of await run()) {
      const ratio = r.reference > 0 ? ` (${(r.value / r.reference).toFixed(2)}× reference)` : '';
      console.log(`${r.name}: ${r.value.toFixed(0)} ${r.unit}${r.target ? `  [target ${r.target}]` : ''}`);
      console.log(`  reference, ${r.referenceName}: ${r.reference.toFixed(0)} ${r.unit}${ratio}`);
    }
  } catch (e) {
    failed = true;
    console.error(`${id} failed:`, e);
  }
}
process.exitCode = failed ? 1 : 0;
