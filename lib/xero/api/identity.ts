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

/** GET /Organisation and GET /Currencies of one tenant. */
export async function getOrganisation(
  tokens: StoredTokenSet,
  tenantId: string,
): Promise<OrganisationDetails> {
  const client = await clientFor({ tokens });
  try {
    const answer = await client.accountingApi.getOrganisations(tenantId);
    const organisation = answer.body.organisations?.[0];
    const currencies = await client.accountingApi.getCurrencies(tenantId);
    const dayLimit = Number(
      headerValue(answer.response.headers as Record<string, string>, "x-daylimit-remaining"),
    );
    return {
      name: organisation?.name ?? null,
      shortCode: organisation?.shortCode ?? null,
      baseCurrency: organisation?.baseCurrency ? String(organisation.baseCurrency) : null,
      enabledCurrencies: currencyCodes(currencies.body.currencies),
      callsLeftToday: Number.isFinite(dayLimit) && dayLimit > 0 ? dayLimit : null,
    };
  } catch (reason) {
    throw toXeroError(reason);
  }
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
