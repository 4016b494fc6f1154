import { AsyncLocalStorage } from "node:async_hooks";
import { Issuer, custom, type Client, type HttpOptions } from "openid-client";
import { XeroClient, type Organisation, type TokenSet } from "xero-node";
import { z } from "zod";
import type { XeroClientSettings } from "./config";

/** The Xero app's settings (see `./config`) plus what one client adds. */
export interface XeroClientConfig extends XeroClientSettings {
  /** Per-login CSRF value; xero-node checks it in `apiCallback`. */
  state?: string;
  /** Timeout for every HTTP call this client makes (identity and accounting); default 10 s. */
  timeoutMs?: number;
}

/** One organisation the grant reaches, as `GET /connections` returns it (xero-identity.yaml `Connection`). */
export interface TenantConnection {
  id: string;
  authEventId?: string;
  tenantId: string;
  tenantType: string;
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
  /** Only after `updateTenants(true)`: the organisation, read with one extra call per tenant. */
  orgData?: Organisation;
}

const connectionsSchema = z.array(
  z.object({
    id: z.string(),
    authEventId: z
      .string()
      .nullish()
      .transform((v) => v ?? undefined),
    tenantId: z.string(),
    tenantType: z.string(),
    tenantName: z
      .string()
      .nullish()
      .transform((v) => v ?? ""),
    createdDateUtc: z.string(),
    updatedDateUtc: z.string(),
  }),
);

const DEFAULT_TIMEOUT_MS = 10_000;

/** Discovery once per issuer per process; a failed discovery is forgotten so the next call retries. */
const issuers = new Map<string, Promise<Issuer<Client>>>();
export function discover(identityUrl: string): Promise<Issuer<Client>> {
  let issuer = issuers.get(identityUrl);
  if (!issuer) {
    issuer = Issuer.discover(identityUrl);
    issuers.set(identityUrl, issuer);
    issuer.catch(() => issuers.delete(identityUrl));
  }
  return issuer;
}

/**
 * xero-node pointed at any Xero-compatible origin (real Xero or the local simulator).
 *
 * Why the overrides exist (shared/reference/docs/xero/api-behaviour.md#pointing-xero-node-at-the-simulator): xero-node has no base-URL option
 * except `accountingApi.basePath`. `initialize()` discovers `identity.xero.com`, and
 * `updateTenants()`/`disconnect()` hard-code `https://api.xero.com/connections`. So the factory
 * sets `openIdClient` itself (which makes `buildConsentUrl`/`apiCallback` skip `initialize()`), and
 * this subclass re-implements the two connection calls against `apiUrl`. `updateTenants` defaults
 * to `false` because `true` costs one `/Organisation` call per tenant and needs
 * `accounting.settings` (xero-node #384, #452). Never call `refreshWithRefreshToken` or
 * `getClientCredentialsToken`: they hard-code Xero's token URL; use `refreshToken()`.
 */
export class AppXeroClient extends XeroClient {
  readonly #apiUrl: string;
  readonly #timeoutMs: number;
  #connections: TenantConnection[] = [];

  constructor(config: XeroClientConfig) {
    super({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUris: [config.redirectUri],
      scopes: config.scopes,
      state: config.state,
      httpTimeout: config.timeoutMs,
    });
    this.#apiUrl = config.apiUrl.replace(/\/+$/, "");
    this.#timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The connections from the last {@link updateTenants}, most recently updated first. */
  override get tenants(): TenantConnection[] {
    return this.#connections;
  }

  async #connectionsRequest(method: "GET" | "DELETE", path: string): Promise<Response> {
    const accessToken = this.readTokenSet().access_token;
    const response = await fetch(`${this.#apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken ?? ""}`, Accept: "application/json" },
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`Xero ${method} ${path} answered ${response.status}: ${await response.text()}`);
    }
    return response;
  }

  override async updateTenants(fullOrgDetails = false): Promise<TenantConnection[]> {
    const response = await this.#connectionsRequest("GET", "/connections");
    const connections: TenantConnection[] = connectionsSchema.parse(await response.json());
    if (fullOrgDetails) {
      for (const connection of connections) {
        const result = await this.accountingApi.getOrganisations(connection.tenantId);
        connection.orgData = result.body.organisations?.[0];
      }
    }
    connections.sort((a, b) => Date.parse(b.updatedDateUtc) - Date.parse(a.updatedDateUtc));
    this.#connections = connections;
    return connections;
  }

  /** DELETE /connections/{id}: takes the connection `id`, not the tenantId. */
  override async disconnect(connectionId: string): Promise<TokenSet> {
    await this.#connectionsRequest("DELETE", `/connections/${encodeURIComponent(connectionId)}`);
    this.#connections = this.#connections.filter((c) => c.id !== connectionId);
    return this.readTokenSet();
  }

  override async revokeToken(): Promise<undefined> {
    await super.revokeToken();
    this.#connections = [];
    return undefined;
  }
}

/**
 * One client per request or unit of work (a shared client leaks token sets between users,
 * xero-node #472). Reads no env: the caller passes the settings.
 */
export async function createXeroClient(config: XeroClientConfig): Promise<AppXeroClient> {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const issuer = await discover(config.identityUrl);
  const client = new AppXeroClient(config);
  const openIdClient = new issuer.Client({
    client_id: config.clientId,
    client_secret: config.clientSecret,
    redirect_uris: [config.redirectUri],
    response_types: ["code"],
  });
  // Per-instance options instead of xero-node's process-wide setHttpOptionsDefaults.
  openIdClient[custom.http_options] = (_url: URL, options: HttpOptions): HttpOptions => ({
    ...options,
    timeout,
  });
  openIdClient[custom.clock_tolerance] = 5;
  client.openIdClient = openIdClient;
  client.accountingApi.basePath = `${config.apiUrl.replace(/\/+$/, "")}/api.xro/2.0`;
  // Accounting calls have no timeout in xero-node (axios default); its "default authentication"
  // hook sees every request's axios options, so it is where a per-client timeout can be set, and
  // where the request learns who wants to know when its answer arrives (whenAnswered).
  client.accountingApi.setDefaultAuthentication({
    applyToRequest: (requestOptions) => {
      requestOptions.timeout = timeout;
      const onAnswer = answerListeners.getStore();
      if (onAnswer) {
        // axios asks this of every response as soon as it is complete, before the SDK reads the
        // body; the test itself is axios's default (2xx), which xero-node relies on.
        (requestOptions as { validateStatus?: (status: number) => boolean }).validateStatus = (status) => {
          onAnswer();
          return status >= 200 && status < 300;
        };
      }
    },
  });
  return client;
}

const answerListeners = new AsyncLocalStorage<() => void>();

/**
 * Runs `call`, telling `onAnswer` the moment an HTTP answer to an accounting request made within
 * it has arrived, before xero-node deserialises the body (which takes longer than Xero took to
 * answer, for a batch of 50 documents). The rate limiter counts a call's time from that moment.
 */
export function whenAnswered<T>(onAnswer: () => void, call: () => Promise<T>): Promise<T> {
  return answerListeners.run(onAnswer, call);
}
