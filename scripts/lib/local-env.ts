import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  DEFAULT_EMBEDDED_PG_PORT,
  DEFAULT_XERO_SIM_PORT,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
} from "../../lib/env-constants";
import { DATA_DIR, localSecrets } from "./runtime";

/**
 * Completes the environment for a run on this checkout, so a fresh clone runs with no configuration:
 * generated secrets, the embedded PostgreSQL's URL and the built-in Xero simulator's settings.
 * Anything already set wins. Scripts import this module FIRST: lib/env reads process.env once, when
 * it is first imported, so everything must be in place before any lib/ module loads.
 */
const env = process.env;
const deployed = env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
if (deployed) {
  // A deployment shares its database between machines; a key generated on one of them would leave
  // the others unable to read the Xero tokens or the sessions. It must be given, the same everywhere.
  const missing = [
    ...(env.AUTH_SECRET ? [] : ["AUTH_SECRET"]),
    ...(env.TOKEN_ENCRYPTION_KEY || env.TOKEN_ENCRYPTION_KEYS ? [] : ["TOKEN_ENCRYPTION_KEY"]),
  ];
  if (missing.length > 0) {
    // Plain stderr: the logger reads the environment this module is still completing.
    console.error(
      `Set ${missing.join(" and ")}: with DATABASE_URL set, npm start and npm run worker don't invent them.`,
    );
    process.exit(1);
  }
}
const secrets = localSecrets();
env.AUTH_SECRET ||= secrets.authSecret;
if (!env.TOKEN_ENCRYPTION_KEYS) env.TOKEN_ENCRYPTION_KEY ||= secrets.tokenEncryptionKey;
env.AUTH_TRUST_HOST ||= "true";
env.NEXT_TELEMETRY_DISABLED = "1";

const embeddedPort = Number(env.EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PG_PORT);
const useEmbedded = !env.DATABASE_URL;
if (useEmbedded) env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${embeddedPort}/factory`;

const simulatorPort = Number(env.XERO_SIM_PORT || DEFAULT_XERO_SIM_PORT);
const appUrl = (env.APP_URL || "http://localhost:3000").replace(/\/+$/, "");
const useSimulator = !env.XERO_CLIENT_ID;
if (useSimulator) {
  const origin = `http://localhost:${simulatorPort}`;
  env.XERO_CLIENT_ID = SIMULATOR_CLIENT_ID;
  env.XERO_CLIENT_SECRET = SIMULATOR_CLIENT_SECRET;
  env.XERO_IDENTITY_URL = origin;
  env.XERO_API_URL = origin;
  // The built-in simulator delivers Xero's signed webhooks to the app (below) under a key made for
  // this run, so read-back works locally as with a real Xero app that set its webhook up.
  env.XERO_WEBHOOK_KEY ||= randomBytes(32).toString("base64url");
}

export const localEnv = {
  /** Set when DATABASE_URL was not given: the embedded server to start before anything connects. */
  embeddedDatabase: useEmbedded ? { port: embeddedPort, dataDir: path.join(DATA_DIR, "postgres") } : null,
  /** Set when no Xero app is configured: the simulator to start. */
  simulator: useSimulator
    ? {
        port: simulatorPort,
        stateFile: path.join(DATA_DIR, "xero-sim-state.json"),
        // The app's two callbacks, as a real Xero app registers them (README, "Xero"): Connect and
        // Sign up with Xero, and next-auth's for Sign in with Xero.
        redirectUris: [
          env.XERO_REDIRECT_URI || `${appUrl}/api/xero/callback`,
          `${appUrl}/api/auth/callback/xero`,
        ],
        // With a webhook key, the simulator sends Xero's webhooks to the app, as a real Xero app's
        // subscription to /api/xero/webhooks does (xero-sim/README.md, "Webhooks").
        ...(env.XERO_WEBHOOK_KEY
          ? { webhooks: { url: `${appUrl}/api/xero/webhooks`, key: env.XERO_WEBHOOK_KEY } }
          : {}),
      }
    : null,
  demoAdminPassword: secrets.demoAdminPassword,
};
