import type { Config } from '../config.js';
import { onlineServicesOrderHook } from '../modules/online-services/activation.js';
import { createOrderIngestion } from '../modules/orders/ingestion.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';

/** The demo online-service order's number: recorded once, so seeding again replays it. */
export const DEMO_SERVICE_ORDER = 'EA-DEMO-OS01';

/**
 * R-OS-1 in the demo: a Cloud Mail order on Contoso's enrollment, dated the day the demo is
 * seeded (so its link works for six months), recorded through order ingestion like any order:
 * the enrollment's Online Services Manager (Erik Berg) gets the activation mail and the
 * Administrator sees it pending on the Online Services page. Run after seedDemo by `lsc seed`,
 * which knows the public address the link points to. Not at `lsc start`: a server that starts
 * with the demo sends no mail until someone acts (the SMTP tests rely on it).
 */
export async function seedDemoServiceActivation(db: Db, config: Config, clock: Clock): Promise<void> {
  const today = clock.now().toISOString().slice(0, 10);
  const coverageEnd = '2027-06-30';
  // The demo enrollment ends then; an order after its end would be refused.
  if (today > coverageEnd) return;
  const ingestion = createOrderIngestion({ db, config, clock, onRecorded: [onlineServicesOrderHook(config)] });
  await ingestion.ingest(
    null,
    {
      orderNumber: DEMO_SERVICE_ORDER,
      orderDate: today,
      licensingId: { program: 'ENTERPRISE', number: '67012345' },
      lines: [
        { line: 1, product: 'CLOUD-MAIL-P1', licenseType: 'ONLINE_SERVICE', quantity: 50, coverageStart: today, coverageEnd, grant: false },
      ],
    },
    { source: 'API' },
  );
}
