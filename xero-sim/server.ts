import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ACCOUNTING_BASE, applyFaults, handleAccounting, OPERATIONS } from "./accounting/api.ts";
import { registerOnlineInvoicePages } from "./accounting/invoice-delivery.ts";
import { registerAdminApi } from "./admin/api.ts";
import { registerDocumentView } from "./admin/document-view.ts";
import { registerContactLevers } from "./admin/contact-levers.ts";
import { registerDocumentLevers } from "./admin/document-levers.ts";
import { registerInvoiceLevers } from "./admin/invoice-levers.ts";
import { registerWebhookAdmin } from "./admin/webhooks.ts";
import { renderAdminPage } from "./admin/page.ts";
import {
  DEFAULT_LIMITS,
  DEFAULT_REDIRECT_URI,
  DEFAULT_REFRESH_GRACE_MS,
  type XeroSimOptions,
} from "./config.ts";
import type { SimContext } from "./context.ts";
import { Router } from "./http/router.ts";
import { HANG, json, type HandlerResult, type SimRequest, type SimResponse } from "./http/types.ts";
import { decideConsent, showConsent } from "./identity/authorize.ts";
import { deleteConnection, listConnections } from "./identity/connections.ts";
import { discoveryDocument, IDENTITY_PATHS, jwks } from "./identity/discovery.ts";
import { loadOrCreateKeys } from "./identity/keys.ts";
import { DEMO_USER } from "./identity/demo-user.ts";
import { revocationEndpoint, tokenEndpoint } from "./identity/tokens.ts";
import { userInfo } from "./identity/userinfo.ts";
import { ChangeFeed } from "./ops/changes.ts";
import { WebhookSender } from "./ops/webhooks.ts";
import { FaultBoard } from "./ops/faults.ts";
import { RateLimiter } from "./ops/limits.ts";
import { RequestLog } from "./ops/request-log.ts";
import { TrafficStats } from "./ops/traffic.ts";
import { freshState, loadState, saveState } from "./state/store.ts";
import { SpecValidator } from "./validation/openapi.ts";

export type { XeroSimOptions } from "./config.ts";

export interface RunningXeroSim {
  /** Origin of identity and API alike, e.g. `http://localhost:4010` (the OIDC issuer). */
  url: string;
  port: number;
  /** The seeded organisations, for tests that need a tenant id. */
  organisations: { tenantId: string; name: string }[];
  close(): Promise<void>;
}

/** Xero rejects bodies over 3.5 MB (developer.xero.com/documentation/auth-and-limits/xero-api-limits). */
const MAX_BODY_BYTES = 3.5 * 1024 * 1024;
const PERSIST_DEBOUNCE_MS = 200;

/** Parsing the 900 KB accounting spec takes ~0.5 s; share one validator per spec per process. */
const validators = new Map<string, SpecValidator>();
function validatorFor(file: string): SpecValidator {
  let validator = validators.get(file);
  if (!validator) {
    validator = new SpecValidator(fileURLToPath(new URL(`./openapi/${file}`, import.meta.url)));
    validators.set(file, validator);
  }
  return validator;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Buffer = "";
  if (response.body !== undefined) {
    payload = response.body;
  } else if (response.html !== undefined) {
    headers["content-type"] = "text/html; charset=utf-8";
    payload = response.html;
  } else if (response.text !== undefined) {
    payload = response.text;
  } else if (response.json !== undefined) {
    headers["content-type"] = "application/json; charset=utf-8";
    payload = JSON.stringify(response.json);
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

export async function startXeroSim(options: XeroSimOptions = {}): Promise<RunningXeroSim> {
  const accounting = validatorFor("xero_accounting.yaml");
  const identitySpec = validatorFor("xero-identity.yaml");
  accounting.warm(Object.keys(OPERATIONS));
  const state = (options.stateFile ? loadState(options.stateFile) : undefined) ?? freshState();
  const keys = await loadOrCreateKeys(state.signingKey);
  state.signingKey = keys.privateJwk;
  const limitOptions = { ...DEFAULT_LIMITS, ...options.limits };

  const changes = new ChangeFeed();
  const ctx: SimContext = {
    state,
    issuer: "",
    redirectUris: new Set([DEFAULT_REDIRECT_URI, ...(options.redirectUris ?? [])]),
    keys,
    refreshGraceMs: options.refreshGraceMs ?? DEFAULT_REFRESH_GRACE_MS,
    limitOptions,
    pending: new Map(),
    codes: new Map(),
    log: new RequestLog(),
    limits: new RateLimiter(limitOptions),
    faults: new FaultBoard(),
    traffic: new TrafficStats(limitOptions.minuteWindowMs),
    changes,
    webhooks: new WebhookSender(
      () => ctx.state,
      () => ctx.issuer,
      changes,
      options.webhooks,
    ),
    xeroUser: DEMO_USER,
    idTokenFaults: [],
  };

  const router = new Router()
    .add("GET", "/.well-known/openid-configuration", () => discoveryDocument(ctx))
    .add("GET", IDENTITY_PATHS.jwks, () => jwks(ctx))
    .add("GET", IDENTITY_PATHS.authorize, (req) => showConsent(ctx, req))
    .add("POST", IDENTITY_PATHS.consent, (req) => decideConsent(ctx, req))
    .add("POST", IDENTITY_PATHS.token, (req) => tokenEndpoint(ctx, req))
    .add("POST", IDENTITY_PATHS.revocation, (req) => revocationEndpoint(ctx, req))
    .add("GET", IDENTITY_PATHS.userinfo, (req) => userInfo(ctx, req))
    .add("GET", "/admin", () => ({ status: 200, html: renderAdminPage(ctx) }))
    .add("GET", "/", () => ({
      status: 200,
      html: `<!doctype html><title>Xero simulator</title><h1>Xero simulator</h1><p><a href="/admin">Admin</a> · <a href="/.well-known/openid-configuration">Discovery</a></p>`,
    }));
  registerAdminApi(router, ctx);
  registerOnlineInvoicePages(router, ctx);
  registerInvoiceLevers(router, ctx);
  registerContactLevers(router, ctx);
  registerDocumentLevers(router, ctx);
  registerWebhookAdmin(router, ctx);
  registerDocumentView(router, ctx);

  /** /connections is validated against xero-identity.yaml before its handler runs. */
  const connections = (req: SimRequest): SimResponse | undefined => {
    if (!/^\/connections(\/|$)/i.test(req.url.pathname)) return undefined;
    const outcome = identitySpec.validate({
      method: req.method,
      path: req.url.pathname,
      query: req.url.searchParams,
      headers: req.headers,
      rawBody: req.rawBody,
    });
    if (outcome.kind === "no-route") return json(404, { Title: "Not Found", Status: 404 });
    if (outcome.kind === "invalid") {
      req.meta.validationError = `${outcome.operationId}: ${outcome.message}`;
      return json(400, { Title: "Bad Request", Status: 400, Detail: outcome.message });
    }
    return outcome.operation.operationId === "deleteConnection"
      ? deleteConnection(ctx, req, outcome.operation.pathParams.id ?? "")
      : listConnections(ctx, req);
  };

  const dispatch = async (req: SimRequest): Promise<HandlerResult> => {
    const path = req.url.pathname;
    if (path === ACCOUNTING_BASE || path.startsWith(`${ACCOUNTING_BASE}/`))
      return handleAccounting(ctx, accounting, req);
    const internal = path === "/admin" || path.startsWith("/sim/");
    if (!internal) {
      const faulted = await applyFaults(ctx, req);
      if (faulted) return faulted;
    }
    const routed = router.match(req.method, path);
    if (routed) return routed.handler(req, routed.params);
    return connections(req) ?? json(404, { error: `No route for ${req.method} ${path}` });
  };

  /** The organisation an accounting call names, if it is one of the simulator's (for the traffic figures). */
  const accountingTenant = (path: string, header: string | string[] | undefined): string | undefined => {
    const named = (Array.isArray(header) ? header[0] : header)?.toLowerCase();
    const accounting = path === ACCOUNTING_BASE || path.startsWith(`${ACCOUNTING_BASE}/`);
    return accounting && named && ctx.state.orgs.has(named) ? named : undefined;
  };

  let saveTimer: NodeJS.Timeout | undefined;
  const persist = () => {
    if (options.stateFile) saveState(ctx.state, options.stateFile);
  };
  const schedulePersist = () => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      persist();
    }, PERSIST_DEBOUNCE_MS);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      const url = new URL(req.url ?? "/", ctx.issuer);
      const simReq: SimRequest = {
        method: req.method ?? "GET",
        url,
        headers: req.headers,
        rawBody: "",
        meta: {},
      };
      let status = 0;
      // Open from arrival until answered; a call never answered (hang) ends when the client hangs up.
      const tenantId = accountingTenant(url.pathname, req.headers["xero-tenant-id"]);
      const over = tenantId ? ctx.traffic.arrive(tenantId) : () => {};
      res.once("close", over);
      try {
        const raw = await readBody(req);
        if (raw === undefined) {
          status = 413;
          send(
            res,
            json(413, {
              Title: "Request Entity Too Large",
              Status: 413,
              Detail: "The request is larger than 3.5 MB",
            }),
          );
        } else {
          simReq.rawBody = raw;
          const result = await dispatch(simReq);
          if (result !== HANG) {
            status = result.status;
            send(res, result);
          }
        }
      } catch (error) {
        status = 500;
        if (!options.quiet) console.error("[xero-sim]", error);
        if (!res.headersSent)
          send(res, json(500, { Title: "Internal error", Status: 500, Detail: String(error) }));
      }
      if (status !== 0) over();
      const internal = url.pathname === "/admin" || url.pathname.startsWith("/sim/");
      if (!internal) {
        ctx.log.add(
          {
            at: new Date().toISOString(),
            method: simReq.method,
            path: url.pathname,
            query: url.search,
            status,
            durationMs: Math.round(performance.now() - started),
            ...simReq.meta,
          },
          simReq.rawBody,
        );
      }
      if (simReq.method !== "GET") schedulePersist();
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.issuer = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");
  if (!options.quiet) {
    console.log(
      `[xero-sim] Xero simulator on ${ctx.issuer} (client demo-client / demo-secret, admin ${ctx.issuer}/admin)`,
    );
  }

  return {
    url: ctx.issuer,
    port,
    organisations: [...ctx.state.orgs.values()].map((o) => ({ tenantId: o.tenantId, name: o.Name })),
    close: async () => {
      ctx.webhooks.close();
      clearTimeout(saveTimer);
      persist();
      // Hung requests (the "no response" fault) would otherwise keep close() waiting forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
