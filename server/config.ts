import { z } from 'zod';

/**
 * Configuration comes from the environment, parsed once at start. A bad value is a
 * ConfigError naming the variable and what it must be; the process exits with code 2.
 */
const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { error: 'must be 0 or 1' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number between 0 and 65535' })
    .int({ error: 'must be a whole number between 0 and 65535' })
    .min(0, { error: 'must be a whole number between 0 and 65535' })
    .max(65535, { error: 'must be a whole number between 0 and 65535' })
    .default(3000),
  HOST: z.string().min(1, { error: 'must be a host name or address' }).default('127.0.0.1'),
  CONCORD_DATA_DIR: z.string().min(1, { error: 'must be a folder path' }).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a PostgreSQL URL such as postgres://user:pass@host:5432/concord' })
    .optional(),
  CONCORD_BASE_URL: z.url({ error: 'must be an absolute http(s) URL such as https://concord.example.org' }).optional(),
  CONCORD_DEMO: boolFlag.optional(),
  CONCORD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a port number' })
    .min(1, { error: 'must be a port number' })
    .max(65535, { error: 'must be a port number' })
    .default(587),
  SMTP_SECURE: boolFlag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3, { error: 'must be an address such as "Concord <concord@example.org>"' }).default('Concord <concord@localhost>'),
  CONCORD_UPLOAD_MAX_MB: z.coerce
    .number({ error: 'must be a number of megabytes between 1 and 500' })
    .min(1, { error: 'must be a number of megabytes between 1 and 500' })
    .max(500, { error: 'must be a number of megabytes between 1 and 500' })
    .default(20),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  baseUrl: string;
  /** undefined: decide by backend (demo on a fresh embedded database only). */
  demo?: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
  mailFrom: string;
  secureCookies: boolean;
  /** Largest uploaded document file, in bytes (CONCORD_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(problems.map((p) => `${p.variable} ${p.message}`).join('; '));
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= cmd` intends.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const got = env[variable];
        return { variable, message: `${issue.message} (got ${JSON.stringify(got)})` };
      }),
    );
  }
  const e = parsed.data;
  const baseUrl = (e.CONCORD_BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.CONCORD_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    baseUrl,
    demo: e.CONCORD_DEMO,
    logLevel: e.CONCORD_LOG_LEVEL,
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD }
      : undefined,
    mailFrom: e.SMTP_FROM,
    secureCookies: baseUrl.startsWith('https://'),
    uploadMaxBytes: Math.round(e.CONCORD_UPLOAD_MAX_MB * 1024 * 1024),
  };
}

export function formatConfigError(err: ConfigError): string {
  return ['Concord cannot start: invalid configuration.', ...err.problems.map((p) => `  - ${p.variable} ${p.message}`)].join('\n');
}
