import { z } from 'zod';

/**
 * Every setting comes from the environment; the defaults are those of the embedded mode so that
 * `npm start` needs nothing. Secrets have no defaults: absent keys are generated into DATA_DIR.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().trim().startsWith('postgres').optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
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
  SIGN_IN_LIMIT: z.coerce.number().int().positive().default(10),
  /** Per client address, across accounts: generous, since offices share one address. */
  SIGN_IN_IP_LIMIT: z.coerce.number().int().positive().default(100),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  // Business numbers from the seeds live here, each overridable (RULES.md: one config table).
  /** R-ID-2: an invitation link expires after this many days. */
  INVITATION_TTL_DAYS: z.coerce.number().int().positive().default(14),
  /** R-ID-3: how long the verification link to the agreement's address stays valid. */
  VERIFICATION_TTL_DAYS: z.coerce.number().int().positive().default(14),
  /** R-PERM-10: this many invalid license/authorization pairs within the window suspend Add Open License… */
  ADD_OPEN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  ADD_OPEN_FAILURE_WINDOW_HOURS: z.coerce.number().positive().default(24),
  /** …for this long after the last failure. */
  ADD_OPEN_SUSPENSION_HOURS: z.coerce.number().positive().default(72),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<z.infer<typeof Env> & { publicUrl: string }>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in a .env) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({ ...c, publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '') });
}
