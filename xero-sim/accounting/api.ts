import { setTimeout as delay } from "node:timers/promises";
import type { SimContext } from "../context.ts";
import { HANG, header, json, type HandlerResult, type SimRequest, type SimResponse } from "../http/types.ts";
import { authenticateBearer, problem } from "../identity/bearer.ts";
import { isConnected } from "../identity/connections.ts";
import { scopeAllows } from "../identity/scopes.ts";
import type { Fault } from "../ops/faults.ts";
import type { SpecValidator } from "../validation/openapi.ts";
import { contactOperations } from "./contacts.ts";
import { creditNoteOperations } from "./credit-notes.ts";
import { postDataInvalid, queryParseError } from "./errors.ts";
import { invoiceDeliveryOperations } from "./invoice-delivery.ts";
import { invoiceOperations } from "./invoices.ts";
import { itemOperations } from "./items.ts";
import { operationContext, type OperationSpec } from "./operation.ts";
import { paymentOperations } from "./payment-operations.ts";
import { purchaseOrderOperations } from "./purchase-orders.ts";
import { quoteOperations } from "./quotes.ts";
import { settingsOperations } from "./settings.ts";
import { MAX_IDEMPOTENCY_KEY_LENGTH, withIdempotency } from "./idempotency.ts";

export const ACCOUNTING_BASE = "/api.xro/2.0";

/**
 * Xero's gateway answers 404 to a query string much over 2,048 characters: 52 GUIDs in `IDs` pass,
 * 53 do not (Xero-Java#328, Xero-OpenAPI#534; Xero-NetStandard#413 "The resource you're looking for
 * cannot be found" beyond 55 unencoded). Read many documents back in chunks of 50.
 */
export const MAX_QUERY_LENGTH = 2048;

/** Every operation the simulator implements, by the spec's operationId. */
export const OPERATIONS: Record<string, OperationSpec> = {
  ...settingsOperations,
  ...contactOperations,
  ...itemOperations,
  ...invoiceOperations,
  ...quoteOperations,
  ...purchaseOrderOperations,
  ...paymentOperations,
  ...invoiceDeliveryOperations,
  ...creditNoteOperations,
};

function withHeaders(response: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}

/** A fault that answers instead of the handler, if any (latency is applied by the caller first). */
function faultAnswer(faults: Fault[], req: SimRequest): HandlerResult | undefined {
  for (const fault of faults) {
    if (fault.kind === "hang") {
      req.meta.fault = "hang";
      return HANG;
    }
    if (fault.kind === "error") {
      const status = fault.status ?? 500;
      req.meta.fault = `error ${status}`;
      return json(status, {
        Title: status === 503 ? "Service Unavailable" : "An error occurred",
        Status: status,
        Detail: "Simulated fault",
      });
    }
    if (fault.kind === "rate-limit") {
      req.meta.fault = "rate-limit";
      req.meta.rateLimitProblem = "minute";
      return json(
        429,
        { Title: "Too Many Requests", Status: 429, Detail: "Rate limit exceeded (simulated storm)" },
        {
          "retry-after": String(fault.retryAfterSeconds ?? 1),
          "x-rate-limit-problem": "minute",
        },
      );
    }
  }
  return undefined;
}

/** Applies the faults that match a request: waits out latency and holds, then returns an answer if one replaces the handler. */
export async function applyFaults(
  sim: SimContext,
  req: SimRequest,
  tenantId?: string,
): Promise<HandlerResult | undefined> {
  const faults = sim.faults.take(req.method, req.url.pathname, tenantId);
  const latency = faults.reduce((sum, f) => sum + (f.kind === "latency" ? (f.latencyMs ?? 0) : 0), 0);
  if (latency > 0) {
    req.meta.fault = `latency ${latency}ms`;
    await delay(latency);
  }
  const holds = faults.filter((f) => f.kind === "hold");
  if (holds.length > 0) {
    req.meta.fault = "hold";
    await Promise.all(holds.map((f) => sim.faults.released(f.id)));
  }
  return faultAnswer(faults, req);
}

/**
 * The accounting API pipeline, in the order Xero answers: 401 bad token → 400 spec violation →
 * 403 tenant not connected or scope missing → 503 organisation offline → 429 limits → faults →
 * the operation (behind Idempotency-Key). Every answer carries the limit headers.
 */
export async function handleAccounting(
  sim: SimContext,
  validator: SpecValidator,
  req: SimRequest,
): Promise<HandlerResult> {
  const tenantHeader = header(req, "xero-tenant-id");
  const tenantId =
    tenantHeader && sim.state.orgs.has(tenantHeader.toLowerCase()) ? tenantHeader.toLowerCase() : undefined;
  req.meta.tenantId = tenantId ?? tenantHeader;
  const headersNow = () => sim.limits.headers(tenantId);
  if (req.url.search.length - 1 > MAX_QUERY_LENGTH) {
    req.meta.validationError = `query string longer than ${MAX_QUERY_LENGTH} characters`;
    return json(404, {
      Title: "Not Found",
      Status: 404,
      Detail: "The resource you're looking for cannot be found",
    });
  }
  const auth = authenticateBearer(sim, req);
  if (!auth.ok) return withHeaders(auth.response, headersNow());

  const outcome = validator.validate({
    method: req.method,
    path: req.url.pathname.slice(ACCOUNTING_BASE.length) || "/",
    query: req.url.searchParams,
    headers: req.headers,
    rawBody: req.rawBody,
  });
  if (outcome.kind === "no-route") {
    return withHeaders(
      json(404, { Title: "Not Found", Status: 404, Detail: "No such endpoint" }),
      headersNow(),
    );
  }
  if (outcome.kind === "invalid") {
    req.meta.validationError = `${outcome.operationId}: ${outcome.message}`;
    const message = `The request does not match Xero's OpenAPI spec (${outcome.operationId}): ${outcome.message}`;
    const answer =
      outcome.message.startsWith("body") || outcome.message.startsWith("request body")
        ? postDataInvalid(message)
        : queryParseError(message);
    return withHeaders(answer, headersNow());
  }
  const idempotencyKey = header(req, "idempotency-key");
  if (idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    req.meta.validationError = "Idempotency-Key longer than 128 characters";
    return withHeaders(postDataInvalid("Idempotency-Key must be 128 characters or fewer"), headersNow());
  }
  const spec = OPERATIONS[outcome.operation.operationId];
  if (!spec) {
    return withHeaders(
      json(501, {
        ErrorNumber: 20,
        Type: "NotImplementedException",
        Message: `The simulator does not implement ${outcome.operation.operationId}`,
      }),
      headersNow(),
    );
  }
  const org = tenantId ? sim.state.orgs.get(tenantId) : undefined;
  if (!org || !tenantId || !isConnected(sim, auth.grant.userId, auth.grant.clientId, tenantId)) {
    return withHeaders(problem(403, "AuthenticationUnsuccessful"), headersNow());
  }
  if (!scopeAllows(auth.scopes, spec.scope, spec.write)) {
    return withHeaders(
      problem(
        403,
        `AuthorizationUnsuccessful: the ${spec.scope}${spec.write ? "" : "(.read)"} scope is required`,
      ),
      headersNow(),
    );
  }
  if (org.offline) {
    return withHeaders(
      json(503, { Title: "Service Unavailable", Status: 503, Detail: "The Organisation is offline" }),
      headersNow(),
    );
  }
  const countedAt = Date.now();
  const admission = sim.limits.admit(tenantId, countedAt);
  if (!admission.ok) {
    req.meta.rateLimitProblem = admission.problem;
    sim.traffic.rateLimited(tenantId, admission.problem);
    return withHeaders(
      json(429, {
        Title: "Too Many Requests",
        Status: 429,
        Detail: `Rate limit exceeded: ${admission.problem}`,
      }),
      {
        ...admission.headers,
        "retry-after": String(admission.retryAfterSeconds),
        "x-rate-limit-problem": admission.problem,
      },
    );
  }
  req.meta.countedAt = new Date(countedAt).toISOString();
  try {
    const faulted = await applyFaults(sim, req, tenantId);
    if (faulted === HANG) return HANG;
    if (faulted) return withHeaders(faulted, admission.headers);
    const c = operationContext(sim, org, outcome.operation, req, (schema, element) =>
      validator.lengthErrors(schema, element),
    );
    const response = spec.write
      ? withIdempotency(sim, req, tenantId, idempotencyKey, () => spec.handle(c))
      : spec.handle(c);
    return withHeaders(response, admission.headers);
  } finally {
    admission.release();
  }
}
