import type { LicensePoolCode } from './certificate.js';

/** The options `lsc activate` and `lsc kms-host` parse (cli.ts) and their actions take (cli-actions.ts). */

export interface ActivateOptions {
  server?: string;
  key?: string;
  product?: string;
  kms?: string;
  pool: LicensePoolCode;
  state: string;
  fingerprint?: string;
  virtual?: boolean;
  publicKey?: string;
  status?: boolean;
  retries: number;
}

export interface KmsHostOptions {
  server?: string;
  key?: string;
  product?: string;
  port: string;
  listen: string;
  state: string;
  fingerprint?: string;
  virtual?: boolean;
  publicKey?: string;
  retries: number;
}
