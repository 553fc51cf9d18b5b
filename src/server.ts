import path from 'node:path';
import { buildApp } from './app.js';
import { type Config, localUrl } from './config.js';
import { seedDemo } from './demo/seed.js';
import { startExportWorker } from './modules/exports/worker.js';
import { startOnlineServicesSchedule } from './modules/online-services/schedule.js';
import { startPartnerChangeSweeper } from './modules/partners/change/sweep.js';
import { partnerRecordsForRelationship } from './modules/partners/for-relationship.js';
import { contactGrantsForRelationship } from './modules/permissions/contact-grants.js';
import { startProvisioningDelivery } from './modules/provisioning/deliver.js';
import { startExpirySchedule } from './modules/relationship/onboarding/expiry-schedule.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/client.js';
import { beginOpeningDatabase, type OpeningDatabase } from './platform/db/configured.js';
import type { EmbeddedServer } from './platform/db/embedded.js';
import { runMigrations } from './platform/db/migrate.js';
import { smtpSender, startDispatcher } from './platform/mail/dispatcher.js';
import { loadSecrets } from './platform/secrets.js';
import { openBlobStore } from './platform/storage/index.js';

/** How often each node looks for a queued export. */
const EXPORT_POLL_MS = 2000;

export interface RunningServer {
  url: string;
  databaseUrl: string;
  /** Where the data is, for the start banner (never the connection string: it holds a password). */
  database: string;
  seeded: boolean;
  /**
   * Takes the node out of rotation and stops it: ready answers 503 at once, the node keeps serving
   * for `delayMs` (a load balancer's checks notice), stops accepting connections, lets the requests
   * in flight finish for at most `graceMs`, then stops its workers and closes the database. Without
   * arguments: no delay, and the requests in flight are waited for however long they take.
   */
  stop(options?: { delayMs?: number; graceMs?: number }): Promise<void>;
  /** Ends the wait for requests in flight now (a second SIGTERM or Ctrl-C): their connections are cut. */
  hurry(): void;
}

/**
 * Everything `lsc start` does: database, migrations, secrets, demo data, HTTP, mail delivery, the
 * daily expiry. `opening` is the database a caller already began to open (see cli/start.ts); the
 * server owns it from here, stopping it on a failed start too.
 */
export async function startServer(config: Config, opening: OpeningDatabase = beginOpeningDatabase(config)): Promise<RunningServer> {
  const databaseUrl = await opening.url;
  const database = openDatabase(databaseUrl, 10, config.DATABASE_REPLICA_URL, { namedStatements: config.DATABASE_NAMED_STATEMENTS });
  let embedded: EmbeddedServer | undefined;
  // Settles once nothing of the start queries the database any more; a failed start awaits it
  // before closing the pool, so that no migration is cut halfway by the close.
  let preparing: Promise<unknown> = Promise.resolve();
  try {
    const secrets = await loadSecrets(config);
    // Migrations and demo data go ahead as soon as the database takes connections, while the app
    // is built: building it queries nothing (its pool connects on the first query) and yields to
    // I/O between modules, and it is the longest part of a start (issue 17). The app is only
    // listened on once both are done, so no request ever sees an unmigrated database.
    const prepared = opening.opened.then(async (opened) => {
      embedded = opened.embedded;
      await runMigrations(database.db);
      return config.SEED_DEMO ? await seedDemo(database.db, secrets) : false;
    });
    preparing = prepared.catch(() => {});
    const app = await buildApp({ config, database, clock: systemClock, secrets });
    const seeded = await prepared;
    await app.listen({ port: config.PORT, host: config.HOST });
    // The workers start once the node answers: none of them is needed to serve a request.
    const dispatcher = config.SMTP_URL
      ? startDispatcher(database.db, smtpSender((await import('nodemailer')).default.createTransport(config.SMTP_URL)), config.MAIL_FROM)
      : null;
    // R-REL-6: expires unanswered changes of channel partner and completes those whose grace period ended.
    const sweeper = startPartnerChangeSweeper({ db: database.db, config, clock: systemClock }, (e) => app.log.error(e));
    // Webhooks to the publisher's provisioning system (a no-op round while no URL is configured).
    const provisioning = startProvisioningDelivery({ db: database.db, config, clock: systemClock, secrets }, (e) => app.log.error(e));
    // Background exports (issue 15): one worker per node; a job a stopped node held is taken up by the lease lapsing.
    const exportsWorker = startExportWorker(
      { database, config, clock: systemClock, secrets, blobs: openBlobStore(config) },
      EXPORT_POLL_MS,
      (e) => app.log.error({ err: e }, 'a background export failed; it is tried again or marked failed'),
    );
    const expiry = startExpirySchedule(
      { db: database.db, config, clock: systemClock },
      { grants: contactGrantsForRelationship, partners: partnerRecordsForRelationship },
      {
        onError: (err) => app.log.error({ err }, 'the scheduled expiry failed; it runs again at the next check'),
        onExpired: (numbers) => app.log.info({ expired: numbers }, 'scheduled expiry: Licensing IDs expired'),
      },
    );
    // R-OS-4, R-OS-6: activation mails due within 48 hours of their usage date; subscriptions past their grace period.
    const onlineServices = startOnlineServicesSchedule(
      { db: database.db, config, clock: systemClock },
      { onError: (err) => app.log.error({ err }, 'the online-services schedule failed; it runs again at the next check') },
    );
    let hurry = () => {};
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    return {
      url: localUrl(config.HOST, port),
      databaseUrl,
      database: embedded
        ? `embedded PostgreSQL in ${path.join(config.DATA_DIR, 'pg')} (127.0.0.1:${embedded.port})`
        : 'PostgreSQL server from DATABASE_URL',
      seeded,
      async stop({ delayMs = 0, graceMs = 2 ** 31 - 1 } = {}) {
        app.drain.begin();
        let hurried = false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          hurry = () => {
            hurried = true;
            clearTimeout(timer);
            resolve();
          };
        });
        hurry = () => app.drain.cutNow();
        await expiry.stop();
        await onlineServices.stop();
        const { cut } = await app.drain.close(hurried ? 0 : graceMs);
        if (cut > 0) app.log.warn({ cut }, 'shutdown: requests still in flight after the grace period were cut');
        await dispatcher?.stop();
        await sweeper.stop();
        await provisioning.stop();
        await exportsWorker.stop();
        await database.close();
        await embedded?.stop();
      },
      hurry: () => hurry(),
    };
  } catch (e) {
    await preparing;
    await database.close().catch(() => {});
    // Also when the app failed to build while the database was still starting.
    embedded ??= await opening.opened.then(
      (d) => d.embedded,
      () => undefined,
    );
    await embedded?.stop().catch(() => {});
    throw e;
  }
}
