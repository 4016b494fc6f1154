import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  clearXeroLinks,
  countXeroLinks,
  getXeroConnection,
  insertPendingAuthorisation,
  lockXeroConnection,
  saveXeroConnection,
  updateXeroConnection,
} from "@/lib/db/queries/xero-connection";
import type { PendingXeroTenant } from "@/lib/db/schema";
import { toXeroError, XeroError } from "./api/errors";
import {
  type ConsentChecks,
  exchangeConsentCode,
  getOrganisation,
  listTenantConnections,
  removeTenantConnections,
  revokeGrant,
  type XeroIdentity,
} from "./api/identity";
import { getUsableConnection, sealTokenSet, tokenColumns, type StoredTokenSet } from "./api/token-store";

/**
 * Connecting Factory to one organisation: the consent's outcome, the organisation choice, and
 * disconnecting. The calls to Xero's identity and connections endpoints are in `./api/identity`.
 */

/** The `authentication_event_id` claim of Xero's access token (a JWT), to tell this consent's tenants. */
function authEventIdOf(accessToken: string): string | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as {
      authentication_event_id?: unknown;
    };
    return typeof payload.authentication_event_id === "string" ? payload.authentication_event_id : undefined;
  } catch {
    return undefined;
  }
}

export interface CompletedConsent {
  tokens: StoredTokenSet;
  /** The organisations ticked in this consent (every connection, if Xero doesn't say which). */
  tenants: PendingXeroTenant[];
  /** Who consented (from the verified id_token, which is not kept), when `openid` was granted. */
  identity: XeroIdentity | null;
}

/**
 * Exchanges the callback's code (openid-client checks it against the flow's `state`, and its nonce
 * and PKCE verifier when given) and reads the connections it authorised.
 */
export async function completeConsent(
  callbackUrl: string,
  checks: string | ConsentChecks,
): Promise<CompletedConsent> {
  const { tokens, identity } = await exchangeConsentCode(callbackUrl, checks);
  const all = await listTenantConnections(tokens);
  const authEventId = authEventIdOf(tokens.accessToken);
  const fromThisConsent = all.filter((t) => authEventId !== undefined && t.authEventId === authEventId);
  const tenants = (fromThisConsent.length ? fromThisConsent : all).map((t) => ({
    connectionId: t.id,
    tenantId: t.tenantId,
    tenantName: t.tenantName,
  }));
  return { tokens, tenants, identity };
}

/** Thrown when switching to another organisation would orphan existing links and nobody confirmed it. */
export class OrganisationSwitchNeedsConfirmation extends Error {
  constructor(readonly previousOrganisation: string) {
    super(`Factory was connected to ${previousOrganisation}. Confirm the switch to clear its Xero links.`);
    this.name = "OrganisationSwitchNeedsConfirmation";
  }
}

/** What the callback needs to decide between connecting straight away and asking the admin. */
export async function needsChoice(db: Db, tenants: PendingXeroTenant[]): Promise<boolean> {
  if (tenants.length !== 1) return true;
  const previous = await getXeroConnection(db);
  return (
    previous !== undefined && previous.tenantId !== tenants[0]?.tenantId && (await countXeroLinks(db)) > 0
  );
}

/** Where a completed consent leaves the connection. */
export type ConsentOutcome =
  { kind: "connected" } | { kind: "choose"; pendingId: string } | { kind: "no_organisation" };

/**
 * What the callback does with a completed consent, for "Connect to Xero" and "Sign up with Xero"
 * alike: one organisation that switches nothing is connected at once; otherwise the tokens wait
 * (sealed) while `userId` chooses (/xero/choose-organisation).
 */
export async function settleConsent(
  db: Db,
  consent: CompletedConsent,
  userId: string,
): Promise<ConsentOutcome> {
  const [only] = consent.tenants;
  if (!only) return { kind: "no_organisation" };
  if (await needsChoice(db, consent.tenants)) {
    const pendingId = await insertPendingAuthorisation(db, {
      userId,
      encryptedTokenSet: sealTokenSet(consent.tokens),
      tenants: consent.tenants,
    });
    return { kind: "choose", pendingId };
  }
  await activateOrganisation(db, {
    tokens: consent.tokens,
    tenantId: only.tenantId,
    userId,
    confirmSwitch: false,
  });
  return { kind: "connected" };
}

/**
 * Makes `tenantId` Factory's organisation: reads its details, disconnects every other organisation
 * this consent connected (Factory books into one), then stores the connection. Reconnecting to the
 * same organisation keeps every link (held work resumes); a different one clears them, but only when
 * `confirmSwitch` is set, since they point into the other organisation's books.
 */
export async function activateOrganisation(
  db: Db,
  input: { tokens: StoredTokenSet; tenantId: string; userId: string; confirmSwitch: boolean },
): Promise<void> {
  const previous = await getXeroConnection(db);
  const switching = previous !== undefined && previous.tenantId !== input.tenantId;
  if (switching && !input.confirmSwitch && (await countXeroLinks(db)) > 0) {
    throw new OrganisationSwitchNeedsConfirmation(previous.organisationName);
  }

  const connections = await listTenantConnections(input.tokens);
  const chosen = connections.find((c) => c.tenantId === input.tenantId);
  if (!chosen)
    throw new XeroError({ kind: "not_found", message: "That organisation is no longer connected." });
  const organisation = await getOrganisation(db, input.tokens, input.tenantId);
  const { callsLeftToday } = organisation;
  await removeTenantConnections(
    input.tokens,
    connections.filter((other) => other.id !== chosen.id).map((other) => other.id),
  );

  const now = new Date();
  await db.transaction(async (tx) => {
    await lockXeroConnection(tx);
    if (switching) await clearXeroLinks(tx);
    await saveXeroConnection(tx, {
      status: "connected",
      tenantId: input.tenantId,
      connectionId: chosen.id,
      organisationName: organisation.name ?? chosen.tenantName,
      shortCode: organisation.shortCode,
      baseCurrency: organisation.baseCurrency,
      timeZone: organisation.timeZone,
      enabledCurrencies: organisation.enabledCurrencies,
      ...tokenColumns(input.tokens, now),
      lastRefreshedAt: null,
      connectedBy: input.userId,
      connectedAt: now,
      lastSuccessfulCallAt: now,
      callsLeftToday,
      lastError: null,
      lastErrorAt: null,
    });
    await recordAudit(tx, {
      userId: input.userId,
      entityType: "xero_connection",
      entityId: "1",
      action: switching ? "organisation_switched" : previous ? "reconnected" : "connected",
      before: previous ? { organisation: previous.organisationName, status: previous.status } : null,
      after: {
        organisation: organisation.name ?? chosen.tenantName,
        ...(switching ? { linksCleared: true } : {}),
      },
    });
  });
}

/**
 * Removes Factory's connection at Xero (DELETE /connections/{id}) and revokes the refresh token, then
 * marks it disconnected here. A grant Xero already refuses has nothing left to remove, so that case
 * still disconnects locally; no answer from Xero leaves everything as it was (the admin retries).
 */
export async function disconnectOrganisation(db: Db, userId: string): Promise<void> {
  const row = await getXeroConnection(db);
  if (!row || row.status === "disconnected") return;
  try {
    const { tokens } = await getUsableConnection(db);
    await revokeGrant(tokens, row.connectionId);
  } catch (reason) {
    const error = toXeroError(reason);
    if (error.kind !== "auth" && error.kind !== "not_found") throw error;
  }
  await db.transaction(async (tx) => {
    await updateXeroConnection(tx, {
      status: "disconnected",
      encryptedTokenSet: null,
      accessTokenExpiresAt: null,
      refreshTokenIssuedAt: null,
      callsLeftToday: null,
      callsLeftThisMinute: null,
      lastError: null,
      lastErrorAt: null,
    });
    await recordAudit(tx, {
      userId,
      entityType: "xero_connection",
      entityId: "1",
      action: "disconnected",
      before: { organisation: row.organisationName, status: row.status },
    });
  });
}
