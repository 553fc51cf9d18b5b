/**
 * The activation client library: what a machine, a deployment script or a KMS host needs to talk
 * to the service and to check certificates offline. It depends on Node's built-ins only.
 */
export {
  type CertificateClaims,
  CertificateError,
  decodeClaims,
  type KmsClientClaims,
  type KmsHostClaims,
  type MakClaims,
  verifyCertificate,
  verifyKmsGrant,
} from '../certificate.js';
export { type ClientState, type ClientStatus, clientStatus, shouldContactHost } from '../kms-rules.js';
export { askKmsHost, runKmsClient } from './kms-client.js';
export { machineFingerprint, machineHostname } from './machine.js';
export { type CheckedState, checkSavedState } from './saved-state.js';
export {
  ACTIVATION_RETRY,
  ActivationRefused,
  activateByProxy,
  activateKmsHost,
  activateWithKey,
  type CallOptions,
  fetchPublicKey,
  ServiceUnavailable,
} from './service-client.js';
