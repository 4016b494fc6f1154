import path from "node:path";

/**
 * Names shared by the e2e server and the specs. The ports differ from `npm run dev`'s so both can run;
 * E2E_APP_PORT / E2E_SIM_PORT move them when two test runs share a machine.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const E2E_BASE_URL = `http://localhost:${E2E_APP_PORT}`;
export const E2E_STATE_FILE = path.resolve(".test-data", `e2e-${E2E_APP_PORT}`, "server.json");
export const E2E_AUTH_DIR = path.resolve(".test-data", `e2e-${E2E_APP_PORT}`, "auth");

export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password", name: "Erin Admin" },
  staff: { email: "staff@e2e.test", password: "e2e-staff-password", name: "Sam Staff" },
} as const;

export interface E2EServerState {
  databaseUrl: string;
  simulatorUrl: string;
}

/** The environment of the production web process and worker the e2e server runs. */
export function e2eAppEnv(state: E2EServerState): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-test",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: state.databaseUrl,
    AUTH_SECRET: "e2e-auth-secret-that-is-long-enough-0123456789",
    AUTH_TRUST_HOST: "true",
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    APP_URL: E2E_BASE_URL,
    XERO_CLIENT_ID: "demo-client",
    XERO_CLIENT_SECRET: "demo-secret",
    XERO_REDIRECT_URI: `${E2E_BASE_URL}/api/xero/callback`,
    XERO_IDENTITY_URL: state.simulatorUrl,
    XERO_API_URL: state.simulatorUrl,
    // No webhook key here: the worker polls Xero for changes, often enough for a page to see a payment
    // within a test's wait. Each poll costs a call per resource (invoices, credit notes, contacts,
    // quotes, purchase orders): every 5 s that was Xero's whole 60 a minute, and sends starved behind
    // it (the full run's product-item and failures specs timed out). Every 10 s leaves half for sends.
    XERO_READ_BACK_POLL_SECONDS: "10",
  };
}
