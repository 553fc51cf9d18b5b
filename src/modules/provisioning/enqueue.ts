import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { ProvisioningEvent } from './events.js';
import { provisioningDelivery, provisioningEvent } from './tables.js';

/** Records an event for delivery; call it inside the transaction that makes the change. */
export async function enqueueProvisioning(tx: DbOrTx, clock: Clock, event: ProvisioningEvent): Promise<string> {
  const now = clock.now();
  const [row] = await tx
    .insert(provisioningEvent)
    .values({ type: event.type, subject: event.subject, data: event.data, createdAt: now })
    .returning({ id: provisioningEvent.id });
  if (!row) throw new Error('provisioning event not recorded');
  // Queued in the same transaction: the event is due for delivery exactly when its change commits.
  await tx.insert(provisioningDelivery).values({ eventId: row.id, queuedAt: now, nextAttemptAt: now });
  return row.id;
}
