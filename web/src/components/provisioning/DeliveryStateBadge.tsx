import type { DeliveryState } from '../../api/provisioning';
import { statusBadge } from '../StatusBadge';

/** Queued, delivered or failed, in the colours of the other status badges. */
export const DeliveryStateBadge = statusBadge<DeliveryState>(
  { PENDING: 'yellow.9', DELIVERED: 'teal.9', FAILED: 'red.9' },
  'provisioning.states',
);
