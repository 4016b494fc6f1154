import type { WebhookOptions } from "./ops/webhooks.ts";

/** Options for {@link startXeroSim}; every field has a default so tests pass only what they vary. */
export interface XeroSimOptions {
  /** TCP port; 0 picks a free one (tests). */
  port?: number;
  /** Interface to bind; loopback by default so the simulator is never exposed. */
  host?: string;
  /** Public origin used as OIDC issuer and in discovery; default `http://localhost:PORT`. */
  publicUrl?: string;
  /** Redirect URIs registered for the demo app, in addition to {@link DEFAULT_REDIRECT_URI}. */
  redirectUris?: string[];
  /** JSON file that keeps state across restarts; unset keeps everything in memory. */
  stateFile?: string;
  /** Rate-limit numbers and window lengths (compress them in tests and benchmarks). */
  limits?: Partial<LimitOptions>;
  /** How long a rotated refresh token may be replayed (Xero: 30 minutes). */
  refreshGraceMs?: number;
  /** Webhooks: the app's subscription from the start (url + key), batching and retry timing. */
  webhooks?: WebhookOptions;
  /** Suppress the start-up banner and per-request console output. */
  quiet?: boolean;
}

/** Xero's limits per organisation and per app (developer.xero.com/documentation/guides/oauth2/limits). */
export interface LimitOptions {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
  minuteWindowMs: number;
  dayWindowMs: number;
}

export const DEFAULT_LIMITS: LimitOptions = {
  concurrent: 5,
  perMinute: 60,
  perDay: 5000,
  appPerMinute: 10_000,
  minuteWindowMs: 60_000,
  dayWindowMs: 86_400_000,
};

/** The Factory app's callback in development (docs/architecture.md#the-simulators-demo-app). */
export const DEFAULT_REDIRECT_URI = "http://localhost:3000/api/xero/callback";

/** The one registered app of the simulator (docs/architecture.md#the-simulators-demo-app). */
export const DEMO_APP = {
  clientId: "demo-client",
  clientSecret: "demo-secret",
  name: "Factory (demo)",
} as const;

/** Xero: access tokens live 30 minutes (developer.xero.com/faq/oauth2). */
export const ACCESS_TOKEN_TTL_SECONDS = 1800;
/** Xero: a refresh token may be retried for 30 minutes when its response was lost. */
export const DEFAULT_REFRESH_GRACE_MS = 30 * 60_000;
export const DEFAULT_PORT = 4010;
