import type { Db } from "@/lib/db/client";
import { limitXeroCall, type XeroCallSlot } from "@/lib/xero/rate-limit";
import { createXeroClient, type TenantConnection } from "./client";
import { IDENTITY_TIMEOUT_MS, xeroClientSettings } from "./config";
import { headerValue, toXeroError } from "./errors";
import { currencyCodes } from "./reference-data";
import { fromTokenSet, toTokenSetParameters, type StoredTokenSet } from "./token-store";

/**
 * The OAuth2 round trip and the organisations a grant reaches (docs/architecture.md#routes;
 * docs/xero/api-behaviour.md#pointing-xero-node-at-the-simulator). Every call builds its own xero-node client: the `state` is per login, and token sets must
 * never be shared between requests (xero-node #472).
 */

async function clientFor(options: { state?: string; tokens?: StoredTokenSet } = {}) {
  const client = await createXeroClient({
    ...xeroClientSettings(),
    state: options.state,
    timeoutMs: IDENTITY_TIMEOUT_MS,
  });
  if (options.tokens) client.setTokenSet(toTokenSetParameters(options.tokens));
  return client;
}

/** Xero's authorize URL for this login; `state` must also go into the admin's httpOnly cookie. */
export async function buildConsentUrl(state: string): Promise<string> {
  return (await clientFor({ state })).buildConsentUrl();
}

/** Exchanges the callback's code for a token set (openid-client checks `state`). */
export async function exchangeConsentCode(callbackUrl: string, state: string): Promise<StoredTokenSet> {
  const client = await clientFor({ state });
  return fromTokenSet(await client.apiCallback(callbackUrl));
}

/** GET /connections: the organisations the grant reaches, most recently updated first. */
export async function listTenantConnections(tokens: StoredTokenSet): Promise<TenantConnection[]> {
  const client = await clientFor({ tokens });
  try {
    // false: no /Organisation call per tenant (xero-node #452); the chosen one is read on its own.
    return await client.updateTenants(false);
  } catch (reason) {
    throw toXeroError(reason);
  }
}

/** What Factory keeps of an organisation (xero_accounting.yaml `Organisation`). */
export interface OrganisationDetails {
  name: string | null;
  shortCode: string | null;
  baseCurrency: string | null;
  /** The enabled currency codes (GET /Currencies): forms and the send planner need them from the start. */
  enabledCurrencies: string[];
  /** X-DayLimit-Remaining of the answer, when Xero sent a usable one. */
  callsLeftToday: number | null;
}

/**
 * GET /Organisation and GET /Currencies of one tenant, before its connection is stored. Each goes
 * through the organisation's shared call budget (lib/xero/rate-limit.ts) like every accounting call,
 * so a (re)connect in a busy minute can't push Xero's count past ours.
 */
export async function getOrganisation(
  db: Db,
  tokens: StoredTokenSet,
  tenantId: string,
): Promise<OrganisationDetails> {
  const client = await clientFor({ tokens });
  const limited = <T>(call: (slot: XeroCallSlot) => Promise<T>) =>
    limitXeroCall(db, tenantId, async (slot) => {
      try {
        return await call(slot);
      } catch (reason) {
        throw toXeroError(reason);
      }
    });
  const answer = await limited(async (slot) => {
    const organisations = await client.accountingApi.getOrganisations(tenantId);
    const dayLimit = Number(
      headerValue(organisations.response.headers as Record<string, string>, "x-daylimit-remaining"),
    );
    if (Number.isFinite(dayLimit) && dayLimit > 0) slot.noteDayRemaining(dayLimit);
    return { organisation: organisations.body.organisations?.[0], dayLimit };
  });
  const currencies = await limited(() => client.accountingApi.getCurrencies(tenantId));
  const { organisation, dayLimit } = answer;
  return {
    name: organisation?.name ?? null,
    shortCode: organisation?.shortCode ?? null,
    baseCurrency: organisation?.baseCurrency ? String(organisation.baseCurrency) : null,
    enabledCurrencies: currencyCodes(currencies.body.currencies),
    callsLeftToday: Number.isFinite(dayLimit) && dayLimit > 0 ? dayLimit : null,
  };
}

/** DELETE /connections/{id} for each connection id (the connection's `id`, not its tenantId). */
export async function removeTenantConnections(
  tokens: StoredTokenSet,
  connectionIds: string[],
): Promise<void> {
  const client = await clientFor({ tokens });
  try {
    for (const connectionId of connectionIds) await client.disconnect(connectionId);
  } catch (reason) {
    throw toXeroError(reason);
  }
}

/** Removes the connection (when its id is known) and revokes the grant's refresh token. */
export async function revokeGrant(tokens: StoredTokenSet, connectionId: string | null): Promise<void> {
  const client = await clientFor({ tokens });
  try {
    if (connectionId) await client.disconnect(connectionId);
    await client.revokeToken();
  } catch (reason) {
    throw toXeroError(reason);
  }
}
