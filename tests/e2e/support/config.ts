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
