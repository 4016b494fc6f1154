import { randomBytes } from "node:crypto";
import { startXeroSim } from "@/xero-sim/server";

/**
 * Starts a simulator for this test file and points the app's Xero settings at it. Import it first:
 * lib/env reads process.env once, when it is first loaded. Xero's 60-calls-a-minute limit is lifted
 * here (its own tests live with the simulator) so tests don't wait out the minute.
 */
export const sim = await startXeroSim({
  port: 0,
  quiet: true,
  limits: { perMinute: 100_000, perDay: 1_000_000 },
});
process.env.XERO_IDENTITY_URL = sim.url;
process.env.XERO_API_URL = sim.url;
process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
delete process.env.XERO_CLIENT_ID;
