import { randomBytes } from "node:crypto";
import type { LimitOptions } from "@/xero-sim/config";
import { startXeroSim, type RunningXeroSim } from "@/xero-sim/server";

/**
 * Starts this file's simulator and points the app's env at it. Import it (and await it) before
 * anything under lib/: lib/env reads process.env once, when first loaded.
 */
export async function startSyncSim(limits: Partial<LimitOptions> = {}): Promise<RunningXeroSim> {
  const sim = await startXeroSim({ port: 0, quiet: true, limits });
  Object.assign(process.env, simEnv(sim.url));
  delete process.env.XERO_CLIENT_ID;
  return sim;
}

export const APP_URL = "http://factory.test";

export function simEnv(url: string): Record<string, string> {
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  return {
    XERO_IDENTITY_URL: url,
    XERO_API_URL: url,
    APP_URL,
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY,
  };
}
