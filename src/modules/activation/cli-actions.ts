import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveServer } from '../../cli/api-client.js';
import { loadConfig } from '../../config.js';
import { systemClock } from '../../platform/clock.js';
import { LICENSE_POOLS } from '../catalog/rules.js';
import { CertificateError, verifyCertificate } from './certificate.js';
import type { ActivateOptions, KmsHostOptions } from './cli-options.js';
import { runKmsClient } from './client/kms-client.js';
import { machineFingerprint, machineHostname } from './client/machine.js';
import { checkSavedState } from './client/saved-state.js';
import {
  ACTIVATION_RETRY,
  ActivationRefused,
  activateKmsHost,
  activateWithKey,
  type CallOptions,
  fetchPublicKey,
  ServiceUnavailable,
} from './client/service-client.js';
import { readState, writeState } from './client/state-file.js';
import { openKmsHost } from './kms-host/host.js';
import { listen, serveKmsHost } from './kms-host/http.js';
import { type ClientState, clientStatus } from './kms-rules.js';

/** Retries as asked, each said on stderr so that a wait does not look like a hang. */
const retrying = (attempts: number): CallOptions => ({
  retry: { ...ACTIVATION_RETRY, attempts },
  onRetry: (e, waitMs) => console.error(`${e.message}; asking again in ${(waitMs / 1000).toFixed(1)} s.`),
});

/** The publisher's key: from a file given, else the copy kept beside the state, else fetched once from the service and kept. */
async function publisherKey(opts: { publicKey?: string | undefined; server: string; retries: number }, keptAt: string): Promise<string> {
  if (opts.publicKey) return readFile(opts.publicKey, 'utf8');
  if (existsSync(keptAt)) return readFile(keptAt, 'utf8');
  const { publicKeyPem } = await fetchPublicKey(opts.server, retrying(opts.retries));
  await mkdir(path.dirname(keptAt), { recursive: true });
  await writeFile(keptAt, publicKeyPem, { mode: 0o644 });
  return publicKeyPem;
}

/** Why an activation did not happen, in a sentence for the person at the machine. */
function explain(e: unknown): string {
  if (e instanceof ActivationRefused) {
    const how = e.problem.howToRequestMore as { kind?: string; url?: string } | undefined;
    return `Activation refused. ${e.code}: ${String(e.problem.detail ?? e.problem.title ?? '')}${how ? `\n  Request more (${how.kind}) at ${how.url}` : ''}`;
  }
  if (e instanceof ServiceUnavailable) {
    return `Activation not completed. ${e.message}; gave up after ${e.attempts} attempt(s). Run the same command again later: an activation that was counted is then handed out again, free.`;
  }
  if (e instanceof CertificateError) return `Activation refused: the certificate did not verify (${e.reason}); nothing was saved.`;
  return `Activation not completed. ${e instanceof Error ? e.message : String(e)}`;
}

/** `lsc activate`: this machine, with a MAK or OSA key against the service, or through a KMS host. */
export async function activateCommand(opts: ActivateOptions): Promise<void> {
  const config = loadConfig();
  const server = resolveServer(opts);
  const now = systemClock.now();
  if (!(LICENSE_POOLS as readonly string[]).includes(opts.pool)) throw new Error(`--pool must be one of ${LICENSE_POOLS.join(', ')}`);
  if (!opts.status && opts.key && !opts.product) throw new Error('--product is required with --key');
  const saved = await readState<ClientState>(opts.state);
  let state: ClientState = saved ?? {
    fingerprint: opts.fingerprint ?? machineFingerprint(),
    pool: opts.pool,
    machineKind: opts.virtual ? 'VIRTUAL' : 'PHYSICAL',
    installedAt: now.toISOString(),
  };
  let failed = false;
  const keptKey = path.join(path.dirname(path.resolve(opts.state)), 'publisher.pem');
  const contacting = !opts.status && Boolean(opts.key || opts.kms);
  let key: string | null = null;
  if (contacting || state.mak || state.kms) {
    try {
      key = await publisherKey({ publicKey: opts.publicKey, server, retries: opts.retries }, keptKey);
    } catch (e) {
      // Without the key nothing can be checked: neither a new certificate nor the saved one.
      console.error(
        contacting
          ? explain(e)
          : `The saved activation cannot be checked without the publisher's key (${e instanceof Error ? e.message : String(e)}). Give --public-key, or reach the Licensing Service Center once.`,
      );
      failed = true;
    }
  }
  // What the state file says counts only once it verifies (a copied or edited file proves nothing).
  if (state.mak || state.kms) {
    const { mak: _mak, kms: _kms, ...unproven } = state;
    const checked = key ? checkSavedState(state, key) : { state: unproven, rejected: [] };
    state = checked.state;
    for (const r of checked.rejected) console.error(`Not counted: ${r}.`);
    if (checked.rejected.length > 0) failed = true;
  }
  if (contacting && key) {
    if (opts.key && !state.mak) {
      try {
        const answer = await activateWithKey(
          server,
          {
            productKey: opts.key,
            productCode: opts.product ?? '',
            fingerprint: state.fingerprint,
            hostname: machineHostname(),
            machineKind: state.machineKind,
          },
          retrying(opts.retries),
        );
        verifyCertificate(answer.certificate, key, { fingerprint: state.fingerprint, kinds: ['MAK', 'OSA'] });
        state = { ...state, mak: { certificate: answer.certificate, activatedAt: answer.activatedAt } };
      } catch (e) {
        failed = true;
        console.error(explain(e));
      }
    } else if (opts.kms) {
      const run = await runKmsClient({
        state,
        hostUrl: opts.kms,
        publisherKey: key,
        clock: systemClock,
        retryHours: config.KMS_RETRY_HOURS,
        hostname: machineHostname(),
      });
      state = run.state;
      if (run.contacted && state.lastError && run.state.nextAttemptAt) {
        failed = true;
        console.error(`KMS activation not completed: ${state.lastError}. Next attempt after ${state.nextAttemptAt}.`);
      }
    }
  }
  if (!opts.status && (contacting || !saved)) await writeState(opts.state, state);
  const s = clientStatus(state, systemClock.now(), config.ACTIVATION_GRACE_DAYS);
  if (s.mode === 'ACTIVATED') {
    console.log(
      s.method === 'MAK'
        ? 'Activated with a MAK: no further contact needed.'
        : `Activated by KMS until ${s.expiresAt?.toISOString()}${s.renewDue ? ' (renewal due)' : ''}.`,
    );
  } else if (s.mode === 'GRACE') {
    console.log(`Not activated: grace period, ${s.daysLeft} day(s) left (until ${s.graceEndsAt.toISOString()}).`);
  } else {
    // R-KEY-6: a reminder, never a stop.
    console.log(
      `Not activated: notification mode since ${s.since.toISOString()}. This copy keeps working; activate it to stop these reminders.`,
    );
  }
  // Explicitly: under tsx's loader thread an exitCode set here does not survive to the exit.
  if (failed) process.exit(1);
}

/** `lsc kms-host`: activates itself once with a KMS host key, then serves the organization's machines. */
export async function kmsHostCommand(opts: KmsHostOptions): Promise<void> {
  const server = resolveServer(opts);
  const key = await publisherKey(
    { publicKey: opts.publicKey, server, retries: opts.retries },
    path.join(path.dirname(path.resolve(opts.state)), 'publisher.pem'),
  );
  const host = await openKmsHost({ stateFile: opts.state, publisherKey: key, clock: systemClock });
  if (!host.claims) {
    if (!opts.key || !opts.product) throw new Error('This host is not activated yet: give --key and --product');
    const answer = await activateKmsHost(
      server,
      {
        productKey: opts.key,
        productCode: opts.product,
        fingerprint: opts.fingerprint ?? machineFingerprint(),
        hostname: machineHostname(),
        machineKind: opts.virtual ? 'VIRTUAL' : 'PHYSICAL',
        hostPublicKey: host.publicKey,
      },
      retrying(opts.retries),
    ).catch((e: unknown) => {
      throw new Error(`The host could not activate itself. ${explain(e)}`);
    });
    await host.install(answer.certificate);
    console.log(`Host activated (${answer.hosts.used} of ${answer.hosts.limit} hosts on this key).`);
  }
  const http = serveKmsHost(host);
  const url = await listen(http, Number(opts.port), opts.listen);
  const claims = host.claims;
  const t = claims?.policy.thresholds;
  console.log(
    `KMS host for ${claims?.product.name} ${claims?.product.version} listening at ${url}\n` +
      `  activates once counted: ${t?.SYSTEMS} client OS, ${t?.SERVERS} servers, ${t?.APPLICATIONS} apps machines`,
  );
  const stop = () => http.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
