import type { Db } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { XeroError } from "./api/errors";
import { listTenantConnections } from "./api/identity";
import {
  getUsableConnection,
  markNeedsReconnect,
  openTokenSet,
  type StoredTokenSet,
} from "./api/token-store";

/**
 * Noticing, within minutes, that someone disconnected Factory in Xero. Removing the app from an
 * organisation in Xero deletes its connection but not the grant: refreshes still succeed, so nothing
 * tells Factory until the next accounting call is refused with 403 (docs/xero/api-behaviour.md#error-shapes),
 * which may be a send hours later. `GET /connections` lists the organisations the grant still
 * reaches (docs/xero/api-behaviour.md#oauth-oidc-and-token-lifetimes); the worker asks it on a
 * schedule (lib/sync/connection-check-job.ts). It carries no tenant, so it spends none of the
 * organisation's call budget.
 */

export type ConnectionCheckOutcome =
  /** Nothing to check: never connected, disconnected, or already waiting for a reconnect. */
  | "not_connected"
  /** Xero still lists the organisation. */
  | "connected"
  /** Xero no longer lists the organisation: now "needs reconnect". */
  | "disconnected_in_xero"
  /** Xero refused the grant itself (revoked, refresh token dead): now "needs reconnect". */
  | "refused";

export const DISCONNECTED_IN_XERO_MESSAGE =
  "The organisation was disconnected from Factory in Xero (it is no longer in Xero's list of connections).";

/** The stored token set (sealed, as stored) once it is usable: refreshed first when due. */
async function currentTokens(
  db: Db,
  staleAccessToken?: string,
): Promise<{ tenantId: string; tokens: StoredTokenSet; sealed: string } | undefined> {
  const { tenantId } = await getUsableConnection(db, { staleAccessToken });
  // Read back what is stored now, so a flip below can be made conditional on exactly this set:
  // a reconnect meanwhile stores another set, and must not be undone by this check's verdict.
  const row = await getXeroConnection(db);
  if (row?.status !== "connected" || !row.encryptedTokenSet || row.tenantId !== tenantId) return undefined;
  return { tenantId, tokens: openTokenSet(row.encryptedTokenSet), sealed: row.encryptedTokenSet };
}

/**
 * Asks Xero which organisations the grant still reaches and, when Factory's is not among them, flips
 * the connection to "needs reconnect" (the banner shows; sends are held, none has to fail first).
 *
 * @throws {XeroError} kind "transient" when Xero could not be asked (the next run asks again).
 */
export async function checkXeroConnection(db: Db): Promise<ConnectionCheckOutcome> {
  if ((await getXeroConnection(db))?.status !== "connected") return "not_connected";
  let current;
  let listed;
  try {
    current = await currentTokens(db);
    if (!current) return "not_connected";
    try {
      listed = await listTenantConnections(current.tokens);
    } catch (error) {
      // An access token Xero expired early: refresh once (single-flight) and ask again.
      if (!(error instanceof XeroError) || error.status !== 401) throw error;
      current = await currentTokens(db, current.tokens.accessToken);
      if (!current) return "not_connected";
      listed = await listTenantConnections(current.tokens);
    }
  } catch (error) {
    if (!(error instanceof XeroError) || error.kind !== "auth") throw error;
    // A refresh Xero refused (invalid_grant) has already flipped the connection; a refusal of the
    // question itself, after a fresh token, means the same.
    if (current) await markNeedsReconnect(db, `Xero refused access: ${error.message}`, current.sealed);
    return "refused";
  }
  const tenantId = current.tenantId.toLowerCase();
  if (listed.some((connection) => connection.tenantId.toLowerCase() === tenantId)) return "connected";
  await markNeedsReconnect(db, DISCONNECTED_IN_XERO_MESSAGE, current.sealed);
  return "disconnected_in_xero";
}
