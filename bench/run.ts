import { activationBench } from './activations.js';
import { auditViewBench } from './audit-view.js';
import { coldStartBench } from './cold-start.js';
import { downloadBench } from './downloads.js';
import { excelReportBench } from './excel-report.js';
import { importAgreementsBench } from './import-agreements.js';
import { keysTsvBench } from './keys-tsv.js';
import { licenseSummaryBench } from './license-summary.js';
import { metricsBench } from './metrics.js';
import { orderHistoryBench } from './order-history.js';
import { partnerCustomersBench } from './partner-customers.js';
import { provisioningDeliveryBench } from './provisioning-delivery.js';
import { redirectDownloadBench } from './redirect-downloads.js';
import { replicaSummaryBench } from './replica-summary.js';
import { reservationsBench } from './reservations.js';
import { saSummaryBench } from './sa-summary.js';
import { subscriptionAssignBench } from './subscription-assign.js';
import { supportQueueBench } from './support-queue.js';
import { topologyActivationsBench } from './topology-activations.js';
import { topologyFaultsBench } from './topology-faults.js';

/** Runs every benchmark; each figure is printed beside a reference measured in the same run. */
const benches: Record<
  string,
  () => Promise<{ name: string; value: number; unit: string; reference: number; referenceName: string; target: string }[]>
> = {
  'cold-start': coldStartBench,
  'license-summary': licenseSummaryBench,
  activations: activationBench,
  downloads: downloadBench,
  'redirect-downloads': redirectDownloadBench,
  'audit-view': auditViewBench,
  'support-queue': supportQueueBench,
  'import-agreements': importAgreementsBench,
  'partner-customers': partnerCustomersBench,
  'sa-summary': saSummaryBench,
  reservations: reservationsBench,
  'provisioning-delivery': provisioningDeliveryBench,
  'subscription-assign': subscriptionAssignBench,
  metrics: metricsBench,
  'order-history': orderHistoryBench,
  'keys-tsv': keysTsvBench,
  'excel-report': excelReportBench,
  'replica-summary': replicaSummaryBench,
  'topology-activations': topologyActivationsBench,
  'topology-faults': topologyFaultsBench,
};

/** Thousands separated; small figures keep the decimals where their differences are. */
const figure = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) < 1 ? 2 : Math.abs(n) < 100 ? 1 : 0 });

const only = process.argv.slice(2);
let failed = false;
for (const [id, run] of Object.entries(benches)) {
  if (only.length && !only.includes(id)) continue;
  console.log(`\n## ${id}`);
  try {
    for (const r of await run()) {
      const ratio = r.reference > 0 ? ` (${(r.value / r.reference).toFixed(2)}×)` : '';
      console.log(
        `${r.name}: ${figure(r.value)} ${r.unit} vs ${r.referenceName}: ${figure(r.reference)} ${r.unit}${ratio}${r.target ? `  [target ${r.target}]` : ''}`,
      );
    }
  } catch (e) {
    failed = true;
    console.error(`${id} failed:`, e);
  }
}
process.exitCode = failed ? 1 : 0;
