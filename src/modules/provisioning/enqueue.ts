import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { ProvisioningEvent } from './events.js';
import { provisioningEvent } from './tables.js';

/** Records an event for delivery; call it inside the transaction that makes the change. */
export async function enqueueProvisioning(tx: DbOrTx, clock: Clock, event: ProvisioningEvent): Promise<string> {
  const [row] = await tx
    .insert(provisioningEvent)
    .values({ type: event.type, subject: event.subject, data: event.data, createdAt: clock.now() })
    .returning({ id: provisioningEvent.id });
  if (!row) throw new Error('provisioning event not recorded');
  return row.id;
}
