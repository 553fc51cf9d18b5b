import type { MachineKind } from './certificate.js';

/** The machine an activation is for: its fingerprint is what the key counts once. */
export interface Machine {
  fingerprint: string;
  hostname?: string | undefined;
  machineKind: MachineKind;
}

/** Who called, for the rate limits, the audit row and a retried request's Idempotency-Key. */
export interface CallContext {
  ip: string;
  requestId: string;
  idempotencyKey?: string | undefined;
}
