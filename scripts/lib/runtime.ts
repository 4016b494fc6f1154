import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SIMULATOR_CLIENT_ID } from "../../lib/env";

/**
 * What `npm run dev` and `npm start` set up before the app starts, so a fresh clone runs with no
 * configuration: an embedded PostgreSQL, generated secrets, the built-in Xero simulator and a first
 * admin. Anything already set in the environment wins.
 */
export const DATA_DIR = path.resolve(".data");

interface LocalSecrets {
  authSecret: string;
  tokenEncryptionKey: string;
  demoAdminPassword: string;
}

/** Secrets generated once per checkout and kept in .data/ (git-ignored), so sessions survive restarts. */
export function localSecrets(): LocalSecrets {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    tokenEncryptionKey: randomBytes(32).toString("base64"),
    demoAdminPassword: randomBytes(9).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Points the Xero settings at the built-in simulator unless a real Xero app is configured. */
export function applyXeroSimulatorDefaults(env: NodeJS.ProcessEnv): { simulatorPort: number } | null {
  if (env.XERO_CLIENT_ID) return null;
  const port = Number(env.XERO_SIM_PORT ?? 4010);
  const origin = `http://localhost:${port}`;
  env.XERO_CLIENT_ID = SIMULATOR_CLIENT_ID;
  env.XERO_CLIENT_SECRET = "demo-secret";
  env.XERO_IDENTITY_URL = origin;
  env.XERO_API_URL = origin;
  return { simulatorPort: port };
}

export function log(message: string): void {
  console.log(`\x1b[36m[factory]\x1b[0m ${message}`);
}
