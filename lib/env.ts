import { z } from "zod";
import { isTimeZone } from "./ui/dates";

import {
  DEFAULT_EMBEDDED_PG_PORT,
  DEFAULT_XERO_SCOPES,
  DEFAULT_XERO_SIM_PORT,
  SIMULATOR_CLIENT_ID,
} from "./env-constants";

export { DEFAULT_XERO_SCOPES, SIMULATOR_CLIENT_ID };

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64 encoded");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  TOKEN_ENCRYPTION_KEY: base64Key.optional(),
  /**
   * Several token keys, for rotation: "id:key" entries (32 bytes, base64) separated by spaces or
   * commas, newest first. The newest encrypts; any of them (and TOKEN_ENCRYPTION_KEY) decrypts.
   */
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .refine(
      (value) =>
        value
          .split(/[\s,]+/)
          .filter(Boolean)
          .every((entry) => Buffer.from(entry.slice(entry.indexOf(":") + 1), "base64").length === 32),
      'must be "id:key" entries, each key 32 bytes, base64 encoded',
    )
    .optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  XERO_CLIENT_ID: z.string().min(1).optional(),
  XERO_CLIENT_SECRET: z.string().min(1).optional(),
  XERO_REDIRECT_URI: z.url().default("http://localhost:3000/api/xero/callback"),
  XERO_SCOPES: z.string().default(DEFAULT_XERO_SCOPES),
  XERO_IDENTITY_URL: z.url().default("https://identity.xero.com"),
  XERO_API_URL: z.url().default("https://api.xero.com"),
  XERO_SIM_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_XERO_SIM_PORT),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_EMBEDDED_PG_PORT),
  /** Currency of new records and documents while no Xero organisation is connected (ISO 4217). */
  DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code in capitals")
    .default("NZD"),
  /**
   * The time zone dates and times are shown in while Factory doesn't know the Xero organisation's
   * own (IANA name, e.g. "Pacific/Auckland"). Once connected, the organisation's time zone wins.
   */
  DEFAULT_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone name such as "Pacific/Auckland"')
    .default("Pacific/Auckland"),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For; the client address is read
   * that many entries from the end. 0 (no proxy) uses the socket's own address.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * How long a stopping process (SIGTERM, SIGINT) waits for its in-flight work: a worker for its
   * sends (then it releases what it still holds), the web process for its requests. Below the
   * usual 30 s a process manager allows before SIGKILL.
   */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(25),
  /**
   * How often the worker asks Xero's GET /connections whether Factory is still connected, so a
   * disconnect made in Xero shows the reconnect banner within minutes (lib/xero/connection-check.ts).
   */
  XERO_CONNECTION_CHECK_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * Readiness fails when a due sync job has waited longer than this for a worker (none is running).
   * 0 turns that check off, e.g. where a load balancer reads readiness and workers are watched apart.
   */
  READY_MAX_QUEUE_LAG_SECONDS: z.coerce.number().int().min(0).default(600),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** JSON lines (default), or one readable line per entry (default under `npm run dev`). */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /**
   * The bearer token Prometheus sends to /api/metrics; unset, the endpoint answers 404. Long and
   * random (e.g. `openssl rand -base64 32`).
   */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * The webhook key Xero gives when a webhook is set up (developer portal): it signs every delivery
   * to /api/xero/webhooks. Unset, webhooks are refused and the worker polls Xero for changes instead.
   */
  XERO_WEBHOOK_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * Seconds between two polls for changes in Xero: of everything when no webhook key is set, of quotes
   * and purchase orders (which have no webhooks) when one is. Each poll costs a call per resource even
   * when nothing changed: at 120 s, five resources (invoices, credit notes, contacts, quotes, purchase
   * orders) are 3,600 of Xero's 5,000 calls a day. Polls stop while under a quarter of the day is left.
   */
  XERO_READ_BACK_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /**
   * Minutes between two catch-up polls: with a webhook key, of what webhooks cover (invoices, credit
   * notes), for events Xero gave up delivering (it retries for 24 hours, then disables the webhook);
   * with or without one, of deletions of quotes and purchase orders.
   */
  XERO_READ_BACK_CATCH_UP_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  WORKER_IN_APP: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

/** The validated environment; the only place that reads process.env for the app's settings. */
export const env: Env = parseEnv(process.env);

/** Reads a setting that must be present at run time (as opposed to build time). */
export function requireEnv<K extends keyof Env>(key: K): NonNullable<Env[K]> {
  const value = env[key];
  if (value === undefined || value === null) {
    throw new Error(`${key} is not set. Start the app with \`npm run dev\` or \`npm start\`, or set it.`);
  }
  return value;
}

export const isXeroSimulator = (): boolean =>
  env.XERO_CLIENT_ID === undefined || env.XERO_CLIENT_ID === SIMULATOR_CLIENT_ID;
