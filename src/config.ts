import { z } from 'zod';
import { hostUrls } from './platform/db/hosts.js';
import { LOCALES } from './platform/i18n/locale.js';

/** "upTo:activations" pairs, e.g. "25:50,50:100", ascending by upTo. */
const tiers = (fallback: string) =>
  z
    .string()
    .regex(/^\d+:\d+(,\d+:\d+)*$/, 'pairs like 25:50,50:100')
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.split(':').map(Number) as [number, number])
        .map(([upTo, activations]) => ({ upTo, activations }))
        .sort((a, b) => a.upTo - b.upTo),
    );
/** "LEVEL:activations" pairs, e.g. "A:500,B:1000". */
const levelActivations = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Z]+:\d+(,[A-Z]+:\d+)*$/, 'pairs like A:500,B:1000')
    .default(fallback)
    .transform(
      (s) =>
        Object.fromEntries(
          s
            .split(',')
            .map((p) => p.split(':'))
            .map(([level, n]) => [level, Number(n)]),
        ) as Record<string, number>,
    );

/**
 * Every setting comes from the environment; the defaults are those of the embedded mode so that
 * `npm start` needs nothing. Secrets have no defaults: absent keys are generated into DATA_DIR.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Where the server listens. `localhost` (the default) listens on every loopback address it names
   * (127.0.0.1 and ::1), so the links the server makes (http://localhost:PORT) reach it however the
   * name resolves, and passkeys work (browsers refuse them on an IP address).
   */
  HOST: z.string().trim().min(1).default('localhost'),
  PUBLIC_URL: z.url().optional(),
  /**
   * The primary. Several hosts (`postgres://u:p@db1:5432,db2:5432/lsc`) are tried in turn and the
   * one not in recovery is used, so a planned promotion needs no restart (README, operations).
   */
  DATABASE_URL: z.string().trim().startsWith('postgres').optional(),
  /**
   * A streaming replica for read-only report queries (summaries, reports, exports); they may be
   * behind the primary by the replication lag. While it is unreachable those reads go to the primary.
   * One address: several standbys go behind a balancer or a DNS name.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .startsWith('postgres')
    .refine((url) => hostUrls(url).length === 1, 'one host (put several standbys behind a balancer or a DNS name)')
    .optional(),
  /**
   * The hot paths (activation, reservation) send their statement prepared by name, once per
   * connection. `false` sends them unnamed, parsed each time: for DATABASE_URL through a PgBouncer in
   * transaction pooling older than 1.21 (or without max_prepared_statements), where the next
   * transaction may run on a server connection that never saw the name.
   */
  DATABASE_NAMED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  /** The embedded PostgreSQL's port; unset, each data folder gets a free one on its first start and keeps it (DATA_DIR/pg.port). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  SMTP_URL: z.string().trim().startsWith('smtp').optional(),
  MAIL_FROM: z.string().trim().min(3).default('Licensing Service Center <no-reply@lsc.localhost>'),
  KEY_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'KEY_ENCRYPTION_KEY must be 32 bytes as hex')
    .optional(),
  SIGNING_KEY: z.string().trim().min(40).optional(),
  PERSONAL_MAIL_DOMAINS: z
    .string()
    .default('outlook.com,hotmail.com,gmail.com,live.com,msn.com,yahoo.com,icloud.com,aol.com,gmx.com,proton.me')
    .transform((s) =>
      s
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Failed sign-ins of one account from one client address within the window; then that address waits. */
  SIGN_IN_LIMIT: z.coerce.number().int().positive().default(10),
  /**
   * Failed sign-ins of one account from all addresses within the window: past it, an account with a
   * second factor still goes on to it, one without waits (a spray from many addresses is slowed).
   */
  SIGN_IN_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(100),
  /** Failed sign-ins from one client address, across accounts: generous, since offices share one address. */
  SIGN_IN_IP_LIMIT: z.coerce.number().int().positive().default(100),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  /** Second factor: how long the second step of a sign-in may take after the password. */
  SECOND_FACTOR_CHALLENGE_MINUTES: z.coerce.number().int().positive().max(30).default(5),
  /** Second factor: wrong codes per account within SIGN_IN_WINDOW_SECONDS before it waits. */
  SECOND_FACTOR_ATTEMPT_LIMIT: z.coerce.number().int().positive().default(5),
  /** Second factor: how many single-use recovery codes a set holds. */
  RECOVERY_CODE_COUNT: z.coerce.number().int().min(4).max(20).default(10),
  /** SSO: how long a sign-in may stay at the organization's identity provider before its state expires. */
  SSO_STATE_TTL_MINUTES: z.coerce.number().int().positive().max(60).default(10),
  /** SSO: allow http:// identity providers (development and tests only; production issuers use https). */
  OIDC_ALLOW_INSECURE_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Outbound requests to addresses customers choose (an organization's identity provider) may
   * reach loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
   * fe80::/10) and carrier-grade NAT addresses. Off by default (SSRF); for development, tests and
   * an intranet identity provider the operator trusts.
   */
  OUTBOUND_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** SCIM: the most users one list page returns, whatever `count` asks for. */
  SCIM_PAGE_SIZE_MAX: z.coerce.number().int().positive().max(1000).default(100),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  // Business numbers from the seeds live here, each overridable (RULES.md: one config table).
  /** R-ID-2: an invitation link expires after this many days. */
  INVITATION_TTL_DAYS: z.coerce.number().int().positive().default(14),
  /** R-ID-3: how long the verification link to the agreement's address stays valid. */
  VERIFICATION_TTL_DAYS: z.coerce.number().int().positive().default(14),
  /** Registration and self sign-up: the shortest password accepted. */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(12),
  /** Account recovery: a mailed "choose a new password" link works once, for this many minutes. */
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(60),
  /** Reset links asked for one address within the window (each is a mail to its owner)… */
  PASSWORD_RESET_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(3),
  /** …and reset requests from one client address, across addresses. */
  PASSWORD_RESET_IP_LIMIT: z.coerce.number().int().positive().default(30),
  PASSWORD_RESET_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** R-PERM-10: this many invalid license/authorization pairs within the window suspend Add Open License… */
  ADD_OPEN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  ADD_OPEN_FAILURE_WINDOW_HOURS: z.coerce.number().positive().default(24),
  /** …for this long after the last failure. */
  ADD_OPEN_SUSPENSION_HOURS: z.coerce.number().positive().default(72),
  /** R-LIC-7: a Licensing ID this close to its end is "Expiring soon"… */
  EXPIRING_SOON_DAYS: z.coerce.number().int().positive().default(90),
  /** …and this close, its end date is shown in red. */
  EXPIRY_URGENT_DAYS: z.coerce.number().int().positive().default(30),
  /** R-REP-4: a Licensing ID report lists at most this many order lines and says when there are more. */
  LICENSING_REPORT_MAX_LINES: z.coerce.number().int().positive().default(10_000),
  // R-KEY-3: MAK activations. Open programs by licenses purchased, as "up to N licenses:activations"
  // tiers (the seed's example: 1–25 licenses → 50); above the last tier, this many per license.
  MAK_OPEN_TIERS: tiers('25:50,50:100,100:200,250:500,500:1000'),
  MAK_OPEN_PER_LICENSE_ABOVE: z.coerce.number().int().positive().default(2),
  /** R-KEY-3: Enterprise, Select, Select Plus, Campus, School: activations by price level, and without one. */
  MAK_LEVEL_ACTIVATIONS: levelActivations('A:500,B:1000,C:2500,D:5000'),
  MAK_DEFAULT_ACTIVATIONS: z.coerce.number().int().positive().default(250),
  /** R-OS-7: an Online Service Activation key is single-use. */
  OSA_KEY_REDEMPTIONS: z.coerce.number().int().positive().default(1),
  /** R-KEY-5: a KMS host key activates this many KMS hosts… */
  KMS_HOSTS_PER_KEY: z.coerce.number().int().positive().default(6),
  /** …each this many times. */
  KMS_ACTIVATIONS_PER_HOST: z.coerce.number().int().positive().default(10),
  /** R-KEY-5: machines (physical or virtual) a KMS host must count before it activates client OS, servers, Office-type apps. */
  KMS_THRESHOLD_CLIENT_OS: z.coerce.number().int().positive().default(25),
  KMS_THRESHOLD_SERVER: z.coerce.number().int().positive().default(5),
  KMS_THRESHOLD_APPS: z.coerce.number().int().positive().default(5),
  /** R-KEY-5: a KMS activation lasts this long; clients renew this often, retry this soon after a failure… */
  KMS_GRANT_DAYS: z.coerce.number().int().positive().default(180),
  KMS_RENEW_DAYS: z.coerce.number().int().positive().default(7),
  KMS_RETRY_HOURS: z.coerce.number().positive().default(2),
  /** …and a client not heard from within this many days stops counting toward the threshold. */
  KMS_COUNT_WINDOW_DAYS: z.coerce.number().int().positive().default(30),
  /** R-KEY-6: an unactivated machine works this long, then shows reminders (notification mode), never stops. */
  ACTIVATION_GRACE_DAYS: z.coerce.number().int().positive().default(30),
  /** Activation requests per key and per client address within the window (activation cycling is abuse). */
  ACTIVATION_KEY_LIMIT: z.coerce.number().int().positive().default(300),
  ACTIVATION_IP_LIMIT: z.coerce.number().int().positive().default(120),
  ACTIVATION_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** How often a node adds its activation-limit hits to the shared counters (others see them that much later). */
  ACTIVATION_LIMIT_FLUSH_MS: z.coerce.number().int().positive().max(10_000).default(100),
  /** R-KEY-4: the most machines one proxy activation request carries. */
  PROXY_ACTIVATION_MAX_MACHINES: z.coerce.number().int().positive().max(5000).default(500),
  /** Download files: the blob store's folder (default DATA_DIR/files), when FILE_STORE is unset. */
  FILE_STORE_DIR: z.string().trim().min(1).optional(),
  /**
   * `s3://bucket` or `s3://bucket/prefix`: files (downloads, exports, attachments, agreement
   * documents) live in an S3-compatible object store instead of FILE_STORE_DIR, and downloads are
   * answered with a redirect to a short-lived presigned URL. Unset: the folder.
   */
  FILE_STORE: z
    .string()
    .trim()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()/-]*)?$/, 's3://bucket or s3://bucket/prefix')
    .optional(),
  /**
   * The object store's address (MinIO, Ceph, Garage, a cloud's S3 API); unset, AWS's own for
   * S3_REGION. Operator configuration like DATABASE_URL, never a customer's input, so it may be on
   * loopback or a private network.
   */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * The object store's address as browsers and download clients reach it, when the nodes use an
   * internal one (S3_ENDPOINT on a private network): presigned download URLs name it, nothing else
   * does. The store (or a proxy in front of it that keeps the Host header) must answer there, as
   * the signature covers the host. Unset: S3_ENDPOINT.
   */
  S3_PUBLIC_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  /** Both or neither; neither: the AWS SDK's own chain (environment, instance or pod role). */
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  /** Address the bucket as endpoint/bucket rather than bucket.endpoint (most self-hosted stores want this). */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** An upload is sent in parts of this many MiB, four at a time (S3's smallest part is 5 MiB). */
  S3_PART_MIB: z.coerce.number().int().min(5).max(512).default(8),
  /** A download's presigned URL is valid this long: time enough to start, since a transfer under way is not cut at expiry. */
  DOWNLOAD_REDIRECT_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /**
   * Local files behind nginx: a download is answered with `X-Accel-Redirect: <this><path of the
   * file under FILE_STORE_DIR>` and no body, and nginx sends the bytes from an internal location
   * (README: "Files"). Unset: the node streams them itself.
   */
  DOWNLOAD_ACCEL_REDIRECT: z
    .string()
    .trim()
    .regex(/^\/([A-Za-z0-9_.-]+\/)+$/, 'a path like /protected-files/')
    .optional(),
  /** A signed download link is valid this long; a download that starts in time runs to its end, a resume after it needs a new link. */
  DOWNLOAD_LINK_TTL_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(7 * 24 * 60)
    .default(60),
  /** The largest file the back office accepts in one upload. */
  DOWNLOAD_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 ** 3),
  /** R-SUP-1: the publisher's support address: new requests and requesters' replies are mailed here. */
  SUPPORT_MAIL: z.email().default('support@lsc.localhost'),
  /** R-SUP-1: the language of the mails to the support address (the publisher's staff read one language). */
  SUPPORT_MAIL_LOCALE: z.enum(LOCALES).default('en'),
  /** R-SUP-1: web requests are answered within this many hours of the message awaiting an answer. */
  SUPPORT_ANSWER_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** R-SUP-1: at most this many attachments on one message (the request, or a reply)… */
  SUPPORT_ATTACHMENT_MAX_COUNT: z.coerce.number().int().min(0).max(20).default(5),
  /** …each at most this large (the request's body may hold them all, base64-encoded). */
  SUPPORT_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(25 * 1024 ** 2)
    .default(2 * 1024 ** 2),
  /** R-REL-6: the new channel partner accepts or declines a change of partner within this many days, else it expires… */
  PARTNER_CHANGE_ANSWER_DAYS: z.coerce.number().int().positive().max(365).default(10),
  /** …and an accepted change takes effect this many days later (the old partner remains of record until then). */
  PARTNER_CHANGE_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** How often the server's sweep notes expired changes and records the partner of those whose grace period ended. */
  PARTNER_CHANGE_SWEEP_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 3600)
    .default(300),
  /**
   * The publisher's provisioning system: every activation, renewal and de-provisioning is POSTed
   * here as a signed webhook (Standard Webhooks). Unset: nothing is sent and events stay queued,
   * visible in the back office, until a URL is configured.
   */
  PROVISIONING_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * The webhooks' signing secret, "whsec_" and base64 of 24 to 64 bytes. Unset: one is generated
   * once into DATA_DIR/provisioning-webhook.secret, from which the operator gives it to the receiver.
   */
  PROVISIONING_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'PROVISIONING_WEBHOOK_SECRET must be whsec_ and base64 of 24 to 64 bytes')
    .optional(),
  /**
   * The provisioning URL may be on loopback or a private network (the publisher's intranet, a
   * test receiver). Off by default: like other outbound requests it must reach a public address.
   */
  PROVISIONING_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** One delivery attempt may take this long (connect, answer and body) before it counts as a timeout. */
  PROVISIONING_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** A failing event is retried, waiting from RETRY_BASE up to RETRY_MAX (doubling, with jitter)… */
  PROVISIONING_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(5),
  PROVISIONING_RETRY_MAX_SECONDS: z.coerce
    .number()
    .positive()
    .max(24 * 3600)
    .default(3600),
  /** …until this many attempts or this age, then it is marked failed (kept, and redelivered from the back office). */
  PROVISIONING_MAX_ATTEMPTS: z.coerce.number().int().positive().max(100).default(15),
  PROVISIONING_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  /** How often each node looks for events due for delivery, and how many it sends at once. */
  PROVISIONING_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  PROVISIONING_BATCH: z.coerce.number().int().positive().max(200).default(20),
  /**
   * /metrics (Prometheus): with a token, served to whoever sends `Authorization: Bearer <token>`;
   * unset, only to a scraper on this machine that reaches the node directly (loopback, no proxy).
   */
  METRICS_TOKEN: z.string().trim().min(16, 'METRICS_TOKEN must have at least 16 characters').optional(),
  /**
   * On SIGTERM (or SIGINT) a node answers /api/health/ready with 503 at once and keeps serving for
   * this many seconds before it stops accepting connections: time for a load balancer's health
   * checks to take it out of rotation (e.g. HAProxy's inter × fall). 0: it stops listening at once.
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(300).default(0),
  /** Then requests in flight (downloads included) have this long to finish before their connections are cut. */
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number()
    .min(0)
    .max(24 * 3600)
    .default(30),
  /**
   * Load balancers in front of the nodes whose X-Forwarded-For (and -Proto, -Host) the node believes:
   * comma-separated addresses or CIDR ranges, e.g. `127.0.0.1,10.0.0.0/24`. Unset, nobody's: the
   * client address is the connection's. Behind HAProxy it must name HAProxy, or every client counts
   * as the balancer's one address in the per-address limits (sign-in, activation).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$/, 'TRUST_PROXY must be addresses or CIDR ranges, comma-separated')
    .optional()
    .transform((s) => s?.split(',')),
  /** /api/health/ready counts the database unreachable when `select 1` takes longer than this. */
  READY_DB_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable the service reads (the .env.example test checks each is documented). */
export const CONFIG_VARIABLES = Object.keys(Env.shape);

export type Config = Readonly<z.infer<typeof Env> & { publicUrl: string }>;

/**
 * Where a browser on this machine reaches a server listening on HOST:port, named as the server
 * binds it: localhost for localhost (bound on both loopback addresses) and for `::` (both address
 * families), 127.0.0.1 for 0.0.0.0 (IPv4 only, where "localhost" may first resolve to ::1).
 * Links in mails and the start banner use it when PUBLIC_URL is unset.
 */
export function localUrl(host: string, port: number): string {
  const address = host === '::' ? 'localhost' : host === '0.0.0.0' ? '127.0.0.1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in a .env) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if ((c.S3_ACCESS_KEY_ID === undefined) !== (c.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new Error('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither');
  }
  if (c.FILE_STORE && c.DOWNLOAD_ACCEL_REDIRECT) {
    throw new Error(
      'Invalid configuration:\n  DOWNLOAD_ACCEL_REDIRECT serves files from FILE_STORE_DIR; with FILE_STORE=s3://… downloads redirect to the object store',
    );
  }
  return Object.freeze({ ...c, publicUrl: (c.PUBLIC_URL ?? localUrl(c.HOST, c.PORT)).replace(/\/$/, '') });
}
