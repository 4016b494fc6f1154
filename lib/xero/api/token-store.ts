import type { TokenSet } from "xero-node";
import type { Db, Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  getXeroConnection,
  listSealedTokenSets,
  lockXeroConnection,
  replaceSealedTokenSet,
  updateXeroConnection,
} from "@/lib/db/queries/xero-connection";
import type { XeroConnection } from "@/lib/db/schema";
import { createXeroClient } from "./client";
import { IDENTITY_TIMEOUT_MS, xeroClientSettings } from "./config";
import { NEEDS_RECONNECT_MESSAGE, NOT_CONNECTED_MESSAGE, XeroError } from "./errors";
import { decryptSecret, encryptSecret, sealedWithOlderKey } from "./token-crypto";
import { countTokenRefresh } from "@/lib/ops/metrics";

/** What Factory keeps of Xero's token response: no id_token, nothing the API calls don't need. */
export interface StoredTokenSet {
  accessToken: string;
  refreshToken: string;
  /** Access token expiry, epoch seconds. */
  expiresAt: number;
  scopes: string[];
}

/**
 * Refresh this long before the 30-minute access token expires (developer.xero.com/faq/oauth2), so a
 * call that starts just before expiry, or a clock a little off, never sends a dead token.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** How long a process waits for another one's refresh before giving up (it then retries later). */
const LOCK_TIMEOUT = "20s" as const;

export function sealTokenSet(tokens: StoredTokenSet): string {
  return encryptSecret(JSON.stringify(tokens));
}

export function openTokenSet(sealed: string): StoredTokenSet {
  return JSON.parse(decryptSecret(sealed)) as StoredTokenSet;
}

/** Converts openid-client's TokenSet (from a code exchange or a refresh) into what Factory stores. */
export function fromTokenSet(tokenSet: TokenSet): StoredTokenSet {
  const { access_token: accessToken, refresh_token: refreshToken } = tokenSet;
  if (!accessToken || !refreshToken) {
    throw new XeroError({
      kind: "auth",
      message: "Xero returned no refresh token. The offline_access scope is required.",
    });
  }
  return {
    accessToken,
    refreshToken,
    expiresAt: tokenSet.expires_at ?? Math.floor(Date.now() / 1000) + (tokenSet.expires_in ?? 1800),
    scopes: (tokenSet.scope ?? "").split(" ").filter(Boolean),
  };
}

/** The shape xero-node's `setTokenSet` takes. */
export function toTokenSetParameters(tokens: StoredTokenSet) {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_at: tokens.expiresAt,
    token_type: "Bearer",
    scope: tokens.scopes.join(" "),
  };
}

/** Columns to write whenever a new token set is stored. */
export function tokenColumns(tokens: StoredTokenSet, now = new Date()) {
  return {
    encryptedTokenSet: sealTokenSet(tokens),
    accessTokenExpiresAt: new Date(tokens.expiresAt * 1000),
    refreshTokenIssuedAt: now,
    grantedScopes: tokens.scopes,
  };
}

export interface UsableConnection {
  tenantId: string;
  tokens: StoredTokenSet;
}

function usable(row: XeroConnection | undefined): UsableConnection {
  if (!row || row.status === "disconnected" || !row.encryptedTokenSet) {
    throw new XeroError({ kind: "auth", message: NOT_CONNECTED_MESSAGE });
  }
  if (row.status === "needs_reconnect")
    throw new XeroError({ kind: "auth", message: NEEDS_RECONNECT_MESSAGE });
  return { tenantId: row.tenantId, tokens: openTokenSet(row.encryptedTokenSet) };
}

const isFresh = (tokens: StoredTokenSet, now = Date.now()) =>
  tokens.expiresAt * 1000 - now > REFRESH_MARGIN_MS;

/** openid-client reports a used, expired or revoked refresh token as an OPError with `error: "invalid_grant"`. */
function isInvalidGrant(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { error?: unknown }).error === "invalid_grant"
  );
}

/** Flips the connection to "needs reconnect" (sending is held, admins see the banner). */
export async function markNeedsReconnect(db: Executor, reason: string, onlyIfToken?: string): Promise<void> {
  const flipped = await updateXeroConnection(
    db,
    { status: "needs_reconnect", lastError: reason, lastErrorAt: new Date() },
    { status: "connected", encryptedTokenSet: onlyIfToken },
  );
  if (flipped) {
    await recordAudit(db, {
      userId: null,
      entityType: "xero_connection",
      entityId: "1",
      action: "needs_reconnect",
      after: { reason },
    });
  }
}

/** Calls Xero's token endpoint through xero-node (never the hard-coded refreshWithRefreshToken, docs/xero/api-behaviour.md#pointing-xero-node-at-the-simulator). */
async function refreshAtXero(tokens: StoredTokenSet): Promise<StoredTokenSet> {
  const client = await createXeroClient({ ...xeroClientSettings(), timeoutMs: IDENTITY_TIMEOUT_MS });
  client.setTokenSet(toTokenSetParameters(tokens));
  return fromTokenSet(await client.refreshToken());
}

type RefreshOutcome =
  | { ok: true; connection: UsableConnection }
  | { ok: false; triedRefreshToken: string; sealed: string; message: string };

/**
 * The refresh itself, under the connection row's lock: whoever gets the lock first refreshes and
 * saves the rotated set before anyone uses it; everyone who waited finds a fresh token and uses that.
 */
async function refreshUnderLock(db: Db, staleAccessToken?: string): Promise<UsableConnection> {
  const outcome = await db.transaction(async (tx): Promise<RefreshOutcome> => {
    const row = await lockXeroConnection(tx, { waitAtMost: LOCK_TIMEOUT });
    const current = usable(row);
    const rejected = staleAccessToken !== undefined && current.tokens.accessToken === staleAccessToken;
    if (isFresh(current.tokens) && !rejected) return { ok: true, connection: current };
    try {
      const tokens = await refreshAtXero(current.tokens);
      countTokenRefresh("refreshed");
      const now = new Date();
      await updateXeroConnection(tx, { ...tokenColumns(tokens, now), lastRefreshedAt: now, lastError: null });
      return { ok: true, connection: { tenantId: current.tenantId, tokens } };
    } catch (error) {
      countTokenRefresh(isInvalidGrant(error) ? "refused" : "no_answer");
      if (isInvalidGrant(error)) {
        return {
          ok: false,
          triedRefreshToken: current.tokens.refreshToken,
          sealed: row?.encryptedTokenSet ?? "",
          message: "Xero no longer accepts Factory's refresh token (invalid_grant).",
        };
      }
      // No answer: Xero lets the same refresh token be retried for 30 minutes (docs/xero/api-behaviour.md#oauth-oidc-and-token-lifetimes).
      throw new XeroError({
        kind: "transient",
        message: `Refreshing the Xero token failed: ${error instanceof Error ? error.message : "no response"}`,
      });
    }
  });
  if (outcome.ok) return outcome.connection;

  // invalid_grant: another process may have rotated the token after our read; only a token that is
  // still the one Xero refused means the grant is really gone (docs/xero/api-behaviour.md#oauth-oidc-and-token-lifetimes).
  const latest = usable(await getXeroConnection(db));
  if (latest.tokens.refreshToken !== outcome.triedRefreshToken) return latest;
  await markNeedsReconnect(db, outcome.message, outcome.sealed);
  throw new XeroError({ kind: "auth", message: NEEDS_RECONNECT_MESSAGE });
}

/** One refresh per process at a time; the row lock does the same across processes. */
const inFlight = new WeakMap<Db, Promise<UsableConnection>>();

/**
 * A usable access token for the connected organisation, refreshed first when it expires within
 * {@link REFRESH_MARGIN_MS}, or while the stored access token is still `staleAccessToken` (one Xero
 * just refused, or one the keep-alive wants replaced).
 *
 * @throws {XeroError} kind "auth" when not connected or the connection needs reconnecting;
 *   kind "transient" when Xero's token endpoint did not answer.
 */
export async function getUsableConnection(
  db: Db,
  options: { staleAccessToken?: string } = {},
): Promise<UsableConnection> {
  const current = usable(await getXeroConnection(db));
  const rejected =
    options.staleAccessToken !== undefined && current.tokens.accessToken === options.staleAccessToken;
  if (isFresh(current.tokens) && !rejected) return current;

  const running = inFlight.get(db);
  if (running) return running;
  const refresh = refreshUnderLock(db, options.staleAccessToken).finally(() => inFlight.delete(db));
  inFlight.set(db, refresh);
  return refresh;
}

/**
 * Refreshes the token of a connection nobody has used for `idleDays`, so it never reaches Xero's
 * 60-day refresh-token expiry through disuse (docs/certification.md#offline-access-and-token-lifetime). Meant for a daily job.
 *
 * @returns whether a refresh happened; a dead grant flips the connection to "needs reconnect".
 */
export async function refreshIdleConnection(db: Db, options: { idleDays?: number } = {}): Promise<boolean> {
  const idleMs = (options.idleDays ?? 7) * 86_400_000;
  const row = await getXeroConnection(db);
  if (row?.status !== "connected" || !row.encryptedTokenSet) return false;
  const lastIssued = row.refreshTokenIssuedAt?.getTime() ?? 0;
  if (Date.now() - lastIssued < idleMs) return false;
  const before = openTokenSet(row.encryptedTokenSet).accessToken;
  const after = await getUsableConnection(db, { staleAccessToken: before });
  return after.tokens.accessToken !== before;
}

/** What {@link reencryptTokenSets} did. */
export interface ReencryptReport {
  /** Encrypted token sets found (the connection, pending consents). */
  found: number;
  reencrypted: number;
  /** Already under the newest key. */
  current: number;
  /** Rewritten by someone else (a token refresh) while this ran: already under the key they used. */
  changedMeanwhile: number;
}

/**
 * Key rotation's second step (`npm run tokens:reencrypt`): every stored token set not yet under the
 * newest key (TOKEN_ENCRYPTION_KEYS' first) is decrypted with the key it names and encrypted with
 * the newest, each write conditional on the value read, so a refresh racing it is never undone.
 * After it, the older keys can be removed from the configuration.
 */
export async function reencryptTokenSets(db: Db): Promise<ReencryptReport> {
  const report: ReencryptReport = { found: 0, reencrypted: 0, current: 0, changedMeanwhile: 0 };
  for (const stored of await listSealedTokenSets(db)) {
    report.found++;
    if (!sealedWithOlderKey(stored.sealed)) {
      report.current++;
      continue;
    }
    const renewed = encryptSecret(decryptSecret(stored.sealed));
    if (await replaceSealedTokenSet(db, stored, renewed)) report.reencrypted++;
    else report.changedMeanwhile++;
  }
  return report;
}
