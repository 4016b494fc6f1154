import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "../../../lib/auth/password";
import { createDb } from "../../../lib/db/client";
import { insertUser } from "../../../lib/db/queries/users";
import { startXeroSim } from "../../../xero-sim/server.ts";
import { createTestDatabase } from "../../support/test-database";
import {
  E2E_APP_PORT,
  E2E_BASE_URL,
  E2E_SIM_PORT,
  E2E_STATE_FILE,
  E2E_USERS,
  e2eAppEnv,
  type E2EServerState,
} from "./config";

/**
 * Playwright's web server: a fresh database with an admin and a staff user, the Xero simulator, and the
 * production build (`next build` into .next-test, done by `npm test` beforehand) served on its own port.
 */
const database = await createTestDatabase("e2e");
const { db, close } = createDb(database.url, { max: 2 });
for (const [role, user] of Object.entries(E2E_USERS)) {
  await insertUser(db, {
    email: user.email,
    name: user.name,
    role: role as "admin" | "staff",
    passwordHash: await hashPassword(user.password),
  });
}
await close();

const simulator = await startXeroSim({
  port: E2E_SIM_PORT,
  redirectUris: [`${E2E_BASE_URL}/api/xero/callback`, `${E2E_BASE_URL}/api/auth/callback/xero`],
  quiet: true,
});

mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
const state: E2EServerState = { databaseUrl: database.url, simulatorUrl: simulator.url };
writeFileSync(E2E_STATE_FILE, JSON.stringify(state));

const appEnv = e2eAppEnv(state);

// The production web process as `npm start` runs it: Next behind the front that records the socket's
// address, so the client address the throttle counts can't be forged.
const app = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/web-server.ts")], {
  stdio: "inherit",
  env: { ...appEnv, PORT: String(E2E_APP_PORT) },
});

// The Xero sync worker, as `npm run worker` runs it next to the app (`next start` alone has none).
const worker = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
  stdio: "inherit",
  env: appEnv,
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  app.kill("SIGTERM");
  worker.kill("SIGTERM");
  await simulator.close();
  await database.drop().catch(() => {});
  process.exit(0);
}
app.on("exit", () => void shutdown());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown());
