import type { SecondStep } from '../../api/identity';

// A second step handed from another page (registration's "Continue") to the sign-in page travels in
// the history entry's state: never in the address, where the challenge would be logged and kept.
declare module '@tanstack/history' {
  interface HistoryState {
    secondStep?: SecondStep;
  }
}
