import type { SimContext } from "../context.ts";
import { header, type SimRequest, type SimResponse } from "../http/types.ts";
import type { EventCategory } from "../ops/changes.ts";
import type { OrgRecord } from "../state/types.ts";
import type { ElementOutcome } from "./batch.ts";
import type { MatchedOperation } from "../validation/openapi.ts";
import { queryParseError } from "./errors.ts";
import { compileOrder, compileWhere, WhereSyntaxError } from "./where.ts";

/** Granular scope families (docs/xero/api-behaviour.md#scopes); `.read` variants allow GETs only. */
export type ScopeFamily =
  "accounting.contacts" | "accounting.invoices" | "accounting.payments" | "accounting.settings";

export interface OperationContext {
  sim: SimContext;
  org: OrgRecord;
  op: MatchedOperation;
  req: SimRequest;
  /** Xero summarises errors into one 400 unless `summarizeErrors=false` is passed explicitly. */
  summarizeErrors: boolean;
  /** `unitdp=4` keeps four decimals on unit amounts; otherwise two (spec `unitdp`). */
  unitdp: 2 | 4;
  /** An element's strings over the spec's maxLength for its schema, as per-element errors. */
  lengthErrors(schema: string, element: unknown): string[];
}

export interface OperationSpec {
  scope: ScopeFamily;
  write: boolean;
  handle: (c: OperationContext) => SimResponse;
}

export function operationContext(
  sim: SimContext,
  org: OrgRecord,
  op: MatchedOperation,
  req: SimRequest,
  lengthErrors: OperationContext["lengthErrors"],
): OperationContext {
  return {
    sim,
    org,
    op,
    req,
    lengthErrors,
    summarizeErrors: op.query.summarizeErrors !== false,
    unitdp: op.query.unitdp === 4 ? 4 : 2,
  };
}

/** The array under `key` in a write body, e.g. `{Contacts:[…]}`; the spec validator already checked its shape. */
export function bodyElements(c: OperationContext, key: string): Record<string, unknown>[] {
  const body = c.op.body as Record<string, unknown> | undefined;
  const list = body?.[key];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

/** Applies If-Modified-Since, `where` and `order` to a list; a bad where/order is Xero's QueryParseException. */
export function filterList<T extends { UpdatedDateUTC: number }>(
  c: OperationContext,
  records: T[],
  defaultOrder?: (a: T, b: T) => number,
): T[] | SimResponse {
  let list = records;
  const since = header(c.req, "if-modified-since");
  if (since) {
    const ms = Date.parse(since);
    if (!Number.isNaN(ms)) list = list.filter((r) => r.UpdatedDateUTC > ms);
  }
  try {
    const where = c.op.query.where;
    if (typeof where === "string" && where.trim()) {
      const predicate = compileWhere(where);
      list = list.filter((r) => predicate(r as unknown as Record<string, unknown>));
    }
    const order = c.op.query.order;
    if (typeof order === "string" && order.trim()) {
      list = [...list].sort(compileOrder(order));
    } else if (defaultOrder) {
      list = [...list].sort(defaultOrder);
    }
  } catch (error) {
    if (error instanceof WhereSyntaxError) return queryParseError(error.message);
    throw error;
  }
  return list;
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === "object" && value !== null && "status" in value && !Array.isArray(value);
}

/**
 * Reports a write's saved elements to the change feed (webhooks): CREATE where the element made a
 * new record, UPDATE where it changed one. `created[i]` says which, per element.
 */
export function announceWrites(
  c: OperationContext,
  category: EventCategory,
  idField: string,
  outcomes: ElementOutcome[],
  created: boolean[],
): void {
  outcomes.forEach((outcome, i) => {
    const id = outcome.ok ? outcome.wire[idField] : undefined;
    if (!outcome.ok || typeof id !== "string") return;
    // Credit note events carry the note's Type and Status (xero-webhooks.yaml CreditNoteWebhookEvent).
    const data =
      category === "CREDITNOTE" ? { Type: outcome.wire.Type, Status: outcome.wire.Status } : undefined;
    c.sim.changes.changed(c.org.tenantId, category, id, created[i] ? "CREATE" : "UPDATE", data);
  });
}
