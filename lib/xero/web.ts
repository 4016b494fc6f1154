import { env } from "@/lib/env";

/**
 * The simulator's origin when the configured Xero API (XERO_API_URL) is not Xero's own, else null.
 * "Open in Xero" then opens the simulator's page for the record, not go.xero.com, where the demo
 * organisation's records don't exist.
 */
export function xeroSimulatorOrigin(): string | null {
  const api = new URL(env.XERO_API_URL);
  return api.hostname === "xero.com" || api.hostname.endsWith(".xero.com") ? null : api.origin;
}
