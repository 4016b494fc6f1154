import { DEFAULT_PORT, type LimitOptions } from "./config.ts";
import { startXeroSim } from "./server.ts";

/**
 * `npm run xero:sim`. Environment:
 * XERO_SIM_PORT (4010), XERO_SIM_HOST (127.0.0.1), XERO_SIM_PUBLIC_URL (http://localhost:PORT),
 * XERO_SIM_REDIRECT_URIS (comma separated, added to the default callback), XERO_SIM_STATE_FILE,
 * XERO_SIM_MINUTE_WINDOW_MS / XERO_SIM_DAY_WINDOW_MS (compress the rate-limit windows),
 * XERO_SIM_LIMITS=off (lift every rate limit, for benchmarks), XERO_SIM_WEBHOOK_URL +
 * XERO_SIM_WEBHOOK_KEY (the app's webhook subscription), XERO_SIM_WEBHOOK_BATCH_MS,
 * XERO_SIM_WEBHOOK_TIME_SCALE, XERO_SIM_WEBHOOK_TIMEOUT_MS.
 */
const env = process.env;
const number = (name: string): number | undefined => {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number`);
  return parsed;
};

const limits: Partial<LimitOptions> = {};
const minuteWindowMs = number("XERO_SIM_MINUTE_WINDOW_MS");
const dayWindowMs = number("XERO_SIM_DAY_WINDOW_MS");
if (minuteWindowMs !== undefined) limits.minuteWindowMs = minuteWindowMs;
if (dayWindowMs !== undefined) limits.dayWindowMs = dayWindowMs;
if (env.XERO_SIM_LIMITS === "off") {
  Object.assign(limits, {
    concurrent: Infinity,
    perMinute: Infinity,
    perDay: Infinity,
    appPerMinute: Infinity,
  });
}

const sim = await startXeroSim({
  port: number("XERO_SIM_PORT") ?? DEFAULT_PORT,
  host: env.XERO_SIM_HOST || undefined,
  publicUrl: env.XERO_SIM_PUBLIC_URL || undefined,
  redirectUris: (env.XERO_SIM_REDIRECT_URIS ?? "")
    .split(",")
    .map((uri) => uri.trim())
    .filter(Boolean),
  stateFile: env.XERO_SIM_STATE_FILE || undefined,
  limits,
  webhooks: {
    url: env.XERO_SIM_WEBHOOK_URL || undefined,
    key: env.XERO_SIM_WEBHOOK_KEY || undefined,
    batchMs: number("XERO_SIM_WEBHOOK_BATCH_MS"),
    timeScale: number("XERO_SIM_WEBHOOK_TIME_SCALE"),
    timeoutMs: number("XERO_SIM_WEBHOOK_TIMEOUT_MS"),
  },
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
