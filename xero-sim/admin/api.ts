import type { SimContext } from "../context.ts";
import { json, parseJsonBody, type SimRequest, type SimResponse } from "../http/types.ts";
import type { Router } from "../http/router.ts";
import { DEMO_USER, xeroUser } from "../identity/demo-user.ts";
import { ID_TOKEN_FAULTS, isIdTokenFault } from "../identity/id-token-faults.ts";
import { revokeGrant } from "../identity/tokens.ts";
import { FAULT_KINDS, type FaultSpec } from "../ops/faults.ts";
import { resetState } from "../state/store.ts";
import type { OrgRecord } from "../state/types.ts";
import { contactToWire } from "../accounting/contacts.ts";
import { saveContact } from "../accounting/contact-store.ts";
import { documentToWire } from "../accounting/documents.ts";
import { creditNoteType } from "../accounting/credit-notes.ts";
import { sentEmailsToWire } from "../accounting/invoice-delivery.ts";
import { invoiceType } from "../accounting/invoices.ts";
import { itemToWire } from "../accounting/items.ts";
import { purchaseOrderType } from "../accounting/purchase-orders.ts";
import { quoteType } from "../accounting/quotes.ts";
import { accountToWire } from "../accounting/settings.ts";
import { parseDay } from "../accounting/wire.ts";
import { seedContacts } from "./seed-contacts.ts";

/** The simulator's own JSON API for tests and the admin page; documented in xero-sim/README.md. */

const bad = (message: string) => json(400, { error: message });
const missing = (what: string) => json(404, { error: `${what} not found` });

function body(req: SimRequest): Record<string, unknown> {
  const parsed = parseJsonBody(req);
  return typeof parsed === "object" && parsed !== null && !(parsed instanceof Error)
    ? (parsed as Record<string, unknown>)
    : {};
}

function orgSummary(org: OrgRecord) {
  return {
    tenantId: org.tenantId,
    name: org.Name,
    shortCode: org.ShortCode,
    baseCurrency: org.BaseCurrency,
    offline: org.offline,
    periodLockDate: org.PeriodLockDate ?? null,
    endOfYearLockDate: org.EndOfYearLockDate ?? null,
    counts: {
      contacts: org.contacts.size,
      items: org.items.size,
      invoices: org.invoices.size,
      quotes: org.quotes.size,
      purchaseOrders: org.purchaseOrders.size,
      creditNotes: org.creditNotes.size,
    },
  };
}

function collection(org: OrgRecord, name: string): unknown[] | undefined {
  switch (name) {
    case "contacts":
      return [...org.contacts.values()].map((c) => contactToWire(c, false, true));
    case "items":
      return [...org.items.values()].map((i) => itemToWire(i));
    case "invoices":
      return [...org.invoices.values()].map((r) => documentToWire(org, r, invoiceType.dateFields));
    case "quotes":
      return [...org.quotes.values()].map((r) => documentToWire(org, r, quoteType.dateFields));
    case "purchaseOrders":
      return [...org.purchaseOrders.values()].map((r) =>
        documentToWire(org, r, purchaseOrderType.dateFields),
      );
    case "creditNotes":
      return [...org.creditNotes.values()].map((r) => documentToWire(org, r, creditNoteType.dateFields));
    case "accounts":
      return org.accounts.map(accountToWire);
    case "taxRates":
      return org.taxRates;
    case "emails":
      return sentEmailsToWire(org);
    default:
      return undefined;
  }
}

function parseFault(input: Record<string, unknown>): FaultSpec | string {
  const kind = input.kind;
  if (typeof kind !== "string" || !FAULT_KINDS.includes(kind as FaultSpec["kind"])) {
    return `kind must be one of ${FAULT_KINDS.join(", ")}`;
  }
  const num = (key: string) => (typeof input[key] === "number" ? input[key] : undefined);
  const str = (key: string) => (typeof input[key] === "string" ? input[key] : undefined);
  const status = num("status");
  if (status !== undefined && status !== 500 && status !== 503) return "status must be 500 or 503";
  return {
    kind: kind as FaultSpec["kind"],
    status,
    latencyMs: num("latencyMs"),
    retryAfterSeconds: num("retryAfterSeconds"),
    pathPrefix: str("pathPrefix"),
    method: str("method"),
    tenantId: str("tenantId"),
    times: num("times"),
  };
}

export function registerAdminApi(router: Router, ctx: SimContext): void {
  const org = (id: string | undefined) => (id ? ctx.state.orgs.get(id.toLowerCase()) : undefined);
  const withOrg =
    (handler: (o: OrgRecord, req: SimRequest, params: Record<string, string>) => SimResponse) =>
    (req: SimRequest, params: Record<string, string>) => {
      const found = org(params.tenantId);
      return found ? handler(found, req, params) : missing("organisation");
    };

  router
    .add("GET", "/sim/state", () =>
      json(200, {
        orgs: [...ctx.state.orgs.values()].map(orgSummary),
        connections: [...ctx.state.connections.values()],
        grants: [...ctx.state.grants.values()],
        faults: ctx.faults.list(),
        limits: ctx.limitOptions,
      }),
    )
    .add(
      "GET",
      "/sim/orgs/:tenantId/limits",
      withOrg((o) => json(200, ctx.limits.usage(o.tenantId))),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/limits",
      withOrg((o, req) => {
        const perDay = body(req).perDay;
        if (perDay !== null && (typeof perDay !== "number" || !Number.isInteger(perDay) || perDay < 0)) {
          return bad("perDay must be a whole number of calls, or null for the simulator's default");
        }
        ctx.limits.setDailyLimit(o.tenantId, perDay ?? undefined);
        return json(200, ctx.limits.usage(o.tenantId));
      }),
    )
    .add(
      "GET",
      "/sim/orgs/:tenantId/:collection",
      withOrg((o, _req, p) => {
        const records = collection(o, p.collection ?? "");
        return records ? json(200, { records }) : missing(`collection ${p.collection ?? ""}`);
      }),
    )
    .add("POST", "/sim/reset", () => {
      resetState(ctx.state);
      ctx.pending.clear();
      ctx.codes.clear();
      ctx.faults.clear();
      ctx.limits.reset();
      ctx.log.clear();
      ctx.traffic.reset();
      ctx.webhooks.reset();
      ctx.xeroUser = DEMO_USER;
      ctx.idTokenFaults = [];
      return json(200, { ok: true });
    })
    .add("GET", "/sim/identity/user", () => json(200, ctx.xeroUser))
    .add("PUT", "/sim/identity/user", (req) => {
      const input = body(req);
      const text = (key: string) => (typeof input[key] === "string" ? input[key] : undefined);
      const email = text("email");
      if (!email?.includes("@")) return bad("email is required");
      ctx.xeroUser = xeroUser({ email, givenName: text("givenName"), familyName: text("familyName") });
      return json(200, ctx.xeroUser);
    })
    .add("POST", "/sim/identity/id-token-faults", (req) => {
      const kind = body(req).kind;
      if (!isIdTokenFault(kind)) return bad(`kind must be one of ${ID_TOKEN_FAULTS.join(", ")}`);
      ctx.idTokenFaults.push(kind);
      return json(201, { pending: ctx.idTokenFaults });
    })
    .add(
      "POST",
      "/sim/orgs/:tenantId/contacts/seed",
      withOrg((o, req) => {
        const input = body(req);
        const count = input.count;
        if (typeof count !== "number" || count < 1 || count > 100_000) return bad("count must be 1..100000");
        const created = seedContacts(
          o,
          count,
          typeof input.prefix === "string" ? input.prefix : "Generated Contact",
        );
        return json(200, { created, total: o.contacts.size });
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/contacts/:contactId/edit",
      withOrg((o, req, p) => {
        // What a person does in Xero's own screens, read-only fields of the API included (Website).
        const contact = o.contacts.get((p.contactId ?? "").toLowerCase());
        if (!contact) return missing("contact");
        const { ContactID: _id, ...fields } = body(req);
        saveContact(o, { ...contact, ...fields, UpdatedDateUTC: Date.now() });
        ctx.changes.changed(o.tenantId, "CONTACT", contact.ContactID, "UPDATE");
        return json(200, contactToWire(o.contacts.get(contact.ContactID) ?? contact));
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/offline",
      withOrg((o, req) => {
        o.offline = body(req).offline !== false;
        return json(200, orgSummary(o));
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/lock-dates",
      withOrg((o, req) => {
        const input = body(req);
        for (const [key, field] of [
          ["periodLockDate", "PeriodLockDate"],
          ["endOfYearLockDate", "EndOfYearLockDate"],
        ] as const) {
          if (input[key] === null) delete o[field];
          else if (input[key] !== undefined) {
            const day = parseDay(input[key]);
            if (!day) return bad(`${key} must be YYYY-MM-DD or null`);
            o[field] = day;
          }
        }
        return json(200, orgSummary(o));
      }),
    )
    .add("POST", "/sim/connections/:id/disconnect", (_req, p) =>
      ctx.state.connections.delete(p.id ?? "") ? json(200, { ok: true }) : missing("connection"),
    )
    .add("POST", "/sim/tokens/expire", (req) => {
      const grantId = body(req).grantId;
      let expired = 0;
      for (const record of ctx.state.accessTokens.values()) {
        if (grantId === undefined || record.grantId === grantId) {
          record.expiresAt = Math.min(record.expiresAt, Date.now() - 1);
          expired++;
        }
      }
      return json(200, { expired });
    })
    .add("POST", "/sim/grants/:id/revoke", (_req, p) => {
      if (!ctx.state.grants.has(p.id ?? "")) return missing("grant");
      revokeGrant(ctx, p.id ?? "");
      return json(200, { ok: true });
    })
    .add("POST", "/sim/grants/revoke-all", () => {
      for (const id of ctx.state.grants.keys()) revokeGrant(ctx, id);
      return json(200, { ok: true });
    })
    .add("GET", "/sim/faults", () => json(200, { faults: ctx.faults.list() }))
    .add("POST", "/sim/faults", (req) => {
      const spec = parseFault(body(req));
      return typeof spec === "string" ? bad(spec) : json(201, ctx.faults.add(spec));
    })
    .add("DELETE", "/sim/faults", () => {
      ctx.faults.clear();
      return json(200, { ok: true });
    })
    .add("DELETE", "/sim/faults/:id", (_req, p) =>
      ctx.faults.remove(p.id ?? "") ? json(200, { ok: true }) : missing("fault"),
    )
    .add("GET", "/sim/requests", (req) => {
      const q = req.url.searchParams;
      const limit = Number(q.get("limit") ?? 0) || undefined;
      const sinceId = Number(q.get("sinceId") ?? 0) || undefined;
      return json(200, { lastId: ctx.log.lastId(), requests: ctx.log.list({ limit, sinceId }) });
    })
    .add("DELETE", "/sim/requests", () => {
      ctx.log.clear();
      return json(200, { ok: true });
    })
    .add("GET", "/sim/traffic", () => json(200, ctx.traffic.snapshot()))
    .add("DELETE", "/sim/traffic", () => {
      ctx.traffic.reset();
      return json(200, { ok: true });
    })
    .add("POST", "/sim/limits/reset", () => {
      ctx.limits.emptyWindows();
      return json(200, { ok: true });
    });
}
