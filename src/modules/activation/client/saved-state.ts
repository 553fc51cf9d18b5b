import type { KeyObject } from 'node:crypto';
import { CertificateError, verifyCertificate, verifyKmsGrant } from '../certificate.js';
import type { ClientState } from '../kms-rules.js';

export interface CheckedState {
  /** The state with only what verifies: a MAK certificate or KMS grant that does not is left out. */
  state: ClientState;
  /** What was left out, and why. */
  rejected: string[];
}

const why = (e: unknown) => (e instanceof CertificateError ? e.reason : e instanceof Error ? e.message : String(e));

/**
 * A state file is only a file: copied from another machine, edited, or its certificate signed by
 * someone else, it must not make a machine count as activated. Its MAK certificate must verify
 * against the publisher's key for this machine, and its KMS grant up to the publisher's key
 * through the host's certificate; the grant's dates are taken from the signed grant, not from the
 * file. An expired grant that verifies is kept: the grace period runs from its end (R-KEY-6).
 */
export function checkSavedState(saved: ClientState, publisherKey: KeyObject | string): CheckedState {
  const { mak, kms, ...rest } = saved;
  const state: ClientState = { ...rest };
  const rejected: string[] = [];
  if (mak) {
    try {
      verifyCertificate(mak.certificate, publisherKey, { fingerprint: saved.fingerprint, kinds: ['MAK', 'OSA'] });
      state.mak = mak;
    } catch (e) {
      rejected.push(`the saved MAK certificate does not verify (${why(e)})`);
    }
  }
  if (kms) {
    try {
      const { grant } = verifyKmsGrant(kms.grant, publisherKey, { fingerprint: saved.fingerprint });
      state.kms = { grant: kms.grant, renewAfter: grant.renewAfter, expiresAt: grant.expiresAt };
    } catch (e) {
      rejected.push(`the saved KMS grant does not verify (${why(e)})`);
    }
  }
  return { state, rejected };
}
