import { describe, expect, it } from "vitest";
import type { SyncDocumentType } from "@/lib/db/schema";
import {
  carryingInvoice,
  lockedReason,
  planSend,
  statusToSend,
  type PlanState,
  type SendFacts,
  type SendPlan,
  xeroEditRefusal,
  xeroSendRefusal,
} from "@/lib/sync/planner";

const DRAFT_ID = "0a1b2c3d-0000-4000-8000-00000000d4af";
const OWN_ID = "0a1b2c3d-0000-4000-8000-000000000001";
const OTHER_ID = "0a1b2c3d-0000-4000-8000-000000000002";

const pending = (revision: number) => ({ idempotencyKey: `key-r${revision}`, revision, payload: { x: 1 } });

function st(overrides: Partial<PlanState> = {}): PlanState {
  return {
    state: "queued",
    revision: 1,
    sentRevision: null,
    xeroId: null,
    xeroStatus: null,
    pendingCreate: null,
    sentPayloadHash: null,
    ...overrides,
  };
}

/** A sent state: Xero holds `revision` (or an older one when `changed`). */
const sent = (xeroId: string, xeroStatus: string, changed = false): PlanState =>
  st({ state: changed ? "queued" : "sent", revision: changed ? 3 : 2, sentRevision: 2, xeroId, xeroStatus });

function facts(type: SyncDocumentType, overrides: Partial<SendFacts> = {}): SendFacts {
  return {
    type,
    id: "doc",
    factoryStatus: "draft",
    state: st(),
    party: {
      kind: type === "purchase_order" || type === "bill" ? "supplier" : "customer",
      name: "Acme",
      linked: true,
    },
    mayCreateContact: true,
    connection: "connected",
    currency: { code: "NZD", enabled: ["NZD", "AUD", "USD"], organisationName: "Demo Fabrication NZ" },
    ...overrides,
  };
}

/** An invoice `id` of an order in `order` state, among the order's invoices (oldest first). */
function invoiceOf(
  order: PlanState | undefined,
  invoices: { id: string; voided?: boolean; state?: PlanState }[],
  own: PlanState = st(),
  id = "inv-1",
): SendFacts {
  return facts("invoice", {
    id,
    state: own,
    sale: {
      order: { id: "so", number: "SO-1", state: order },
      invoices: invoices.map((i, n) => ({
        id: i.id,
        number: `INV-${n + 1}`,
        voided: i.voided,
        state: i.state,
      })),
    },
  });
}

function order(own: PlanState, invoices: { id: string; state?: PlanState }[] = []): SendFacts {
  return facts("sales_order", {
    id: "so",
    state: own,
    sale: {
      order: { id: "so", number: "SO-1", state: own },
      invoices: invoices.map((i, n) => ({ id: i.id, number: `INV-${n + 1}`, state: i.state })),
    },
  });
}

const kind = (plan: SendPlan) => plan.kind;
const ALL_TYPES: SyncDocumentType[] = ["quote", "sales_order", "invoice", "purchase_order", "bill"];

describe("planSend: every type", () => {
  it.each(ALL_TYPES)("creates a %s never sent", (type) => {
    expect(planSend(facts(type))).toEqual({ kind: "create", createContact: false });
  });

  it.each(ALL_TYPES)("updates a %s Xero holds at an older revision", (type) => {
    expect(planSend(facts(type, { state: sent(OWN_ID, "DRAFT", true) }))).toEqual({
      kind: "update",
      xeroId: OWN_ID,
      heldStatus: "DRAFT",
      createContact: false,
    });
  });

  it.each(ALL_TYPES)("skips a %s Xero holds at this revision", (type) => {
    expect(planSend(facts(type, { state: sent(OWN_ID, "DRAFT") }))).toMatchObject({
      kind: "skip",
      upToDate: true,
    });
  });

  it.each(ALL_TYPES)("replays a %s create whose answer was lost, whatever else holds", (type) => {
    const lost = st({ state: "sending", pendingCreate: pending(1) });
    expect(planSend(facts(type, { state: lost }))).toEqual({ kind: "replay", pending: pending(1) });
    // Replays even when Factory changed the document since (the planner is asked again afterwards),
    // and even when the party has since been unlinked (the stored body is what was sent).
    const changed = st({ revision: 2, pendingCreate: pending(1) });
    expect(
      planSend(facts(type, { state: changed, party: { kind: "customer", name: "A", linked: false } })),
    ).toEqual({ kind: "replay", pending: pending(1) });
  });

  it.each(["not_connected", "needs_reconnect"] as const)(
    "waits for the connection when it is %s, for creates, updates and replays alike",
    (connection) => {
      for (const state of [st(), sent(OWN_ID, "DRAFT", true), st({ pendingCreate: pending(1) })]) {
        const plan = planSend(facts("quote", { state, connection }));
        expect(plan).toMatchObject({ kind: "wait", reason: "connection" });
      }
      // Nothing to send needs no connection.
      expect(planSend(facts("quote", { state: sent(OWN_ID, "DRAFT"), connection }))).toMatchObject({
        kind: "skip",
        upToDate: true,
      });
    },
  );

  it("waits for a contact when the party is unlinked and settings don't create contacts", () => {
    const party = { kind: "customer" as const, name: "Acme", linked: false };
    expect(planSend(facts("quote", { party, mayCreateContact: false }))).toEqual({
      kind: "wait",
      reason: "contact",
      message: "Link Acme to a Xero contact: the customer isn't linked yet.",
    });
    expect(planSend(facts("quote", { party }))).toEqual({ kind: "create", createContact: true });
    expect(planSend(facts("quote", { party, state: sent(OWN_ID, "DRAFT", true) }))).toMatchObject({
      kind: "update",
      createContact: true,
    });
  });
});

describe("planSend: locked in Xero", () => {
  const cases: [SyncDocumentType, string, boolean][] = [
    ["invoice", "PAID", true],
    ["invoice", "VOIDED", true],
    ["invoice", "DELETED", true],
    ["invoice", "AUTHORISED", false],
    ["bill", "PAID", true],
    ["bill", "AUTHORISED", false],
    ["sales_order", "VOIDED", true],
    ["sales_order", "DRAFT", false],
    ["quote", "INVOICED", true],
    ["quote", "DELETED", true],
    ["quote", "ACCEPTED", false],
    ["purchase_order", "BILLED", true],
    ["purchase_order", "DELETED", true],
    ["purchase_order", "AUTHORISED", false],
  ];
  it.each(cases)("a %s Xero holds as %s is locked: %s", (type, status, locked) => {
    const plan = planSend(facts(type, { state: sent(OWN_ID, status, true) }));
    expect(plan.kind).toBe(locked ? "locked" : "update");
    expect(lockedReason(type, status) !== null).toBe(locked);
    if (plan.kind === "locked") expect(plan.message).toContain(status.toLowerCase());
  });

  it("names the document and Xero's status", () => {
    expect(lockedReason("invoice", "PAID")).toBe(
      "The invoice is paid in Xero, which no longer accepts changes to it.",
    );
    expect(lockedReason("invoice", null)).toBeNull();
  });
});

describe("planSend: an update that changes nothing in Xero", () => {
  const held = (hash: string | null, status = "DRAFT"): PlanState => ({
    ...sent(OWN_ID, status, true),
    sentPayloadHash: hash,
  });
  const types: SyncDocumentType[] = ["quote", "sales_order", "invoice", "purchase_order", "bill"];

  it.each(types)("a %s whose payload is the one Xero last accepted is skipped, with no call", (type) => {
    expect(planSend(facts(type, { state: held("h1"), payloadHash: "h1" }))).toEqual({
      kind: "skip",
      upToDate: true,
      unchanged: true,
      message: "Xero already holds this version: nothing it keeps has changed.",
    });
  });

  it("updates when the payload differs, or when there is nothing to compare with (Resend forgets it)", () => {
    expect(planSend(facts("invoice", { state: held("h1"), payloadHash: "h2" }))).toMatchObject({
      kind: "update",
    });
    expect(planSend(facts("invoice", { state: held(null), payloadHash: "h1" }))).toMatchObject({
      kind: "update",
    });
    // The payload could not be built now (a mapping to fill in): the update goes and says why.
    expect(planSend(facts("invoice", { state: held("h1"), payloadHash: null }))).toMatchObject({
      kind: "update",
    });
  });

  it("still makes a status change, and still says locked, whatever the payload", () => {
    expect(
      planSend(facts("quote", { factoryStatus: "accepted", state: held("h1"), payloadHash: "h1" })),
    ).toMatchObject({ kind: "status", steps: ["SENT", "ACCEPTED"] });
    expect(
      planSend(
        facts("purchase_order", { factoryStatus: "sent", state: held("h1", "BILLED"), payloadHash: "h1" }),
      ),
    ).toMatchObject({ kind: "locked" });
    expect(
      planSend(facts("sales_order", { factoryStatus: "cancelled", state: held("h1"), payloadHash: "h1" })),
    ).toMatchObject({ kind: "status", steps: ["DELETED"] });
  });
});

describe("xeroSendRefusal: the planner's own verdict, which the Xero card follows", () => {
  // Every pairing the planner could meet: a refusal is exactly a "locked" plan, and no refusal
  // is never one, so the card offers a send only where the planner would act on it.
  const types: SyncDocumentType[] = ["quote", "sales_order", "invoice", "bill", "purchase_order"];
  const held = [
    "DRAFT",
    "SUBMITTED",
    "AUTHORISED",
    "SENT",
    "ACCEPTED",
    "PAID",
    "BILLED",
    "VOIDED",
    "DELETED",
  ];
  const factory: Record<string, string[]> = {
    quote: ["draft", "sent", "accepted", "declined"],
    sales_order: ["draft", "confirmed", "cancelled"],
    invoice: ["issued", "paid", "voided"],
    bill: ["draft", "awaiting_payment", "voided"],
    purchase_order: ["draft", "sent", "partially_billed", "billed", "cancelled"],
  };
  const cases = types.flatMap((type) =>
    held.flatMap((status) => (factory[type] ?? []).map((f) => [type, status, f] as const)),
  );
  it.each(cases)("a %s Xero holds as %s, %s in Factory", (type, status, factoryStatus) => {
    const plan = planSend(facts(type, { factoryStatus, state: sent(OWN_ID, status, true) }));
    const refusal = xeroSendRefusal(type, status, factoryStatus);
    expect(plan.kind === "locked").toBe(refusal !== null);
    if (plan.kind === "locked") expect(plan.message).toBe(refusal);
  });

  it("refuses a paid invoice and leaves an unpaid one", () => {
    expect(xeroSendRefusal("invoice", "PAID", "issued")).toBe(
      "The invoice is paid in Xero, which no longer accepts changes to it.",
    );
    expect(xeroSendRefusal("invoice", "AUTHORISED", "issued")).toBeNull();
    // Without Factory's status (the card's first look): what Xero's status alone refuses.
    expect(xeroSendRefusal("invoice", "PAID", undefined)).toBe(lockedReason("invoice", "PAID"));
    expect(xeroSendRefusal("invoice", "AUTHORISED", undefined)).toBeNull();
    // An ending Xero can't make from there (cancelled in Factory, approved in Xero).
    expect(xeroSendRefusal("sales_order", "AUTHORISED", "cancelled")).toContain("Xero deletes only drafts");
    expect(xeroSendRefusal("invoice", "AUTHORISED", "voided")).toBeNull();
  });
});

describe("planSend: a sales order and its invoices", () => {
  it("creates an order's draft while none of its invoices is in Xero", () => {
    expect(kind(planSend(order(st())))).toBe("create");
    expect(kind(planSend(order(st(), [{ id: "inv-1", state: st({ state: "failed" }) }])))).toBe("create");
    expect(kind(planSend(order(st(), [{ id: "inv-1", state: undefined }])))).toBe("create");
  });

  it("skips an order never sent once an invoice of it is in Xero or on its way", () => {
    for (const invoice of [
      sent(OTHER_ID, "AUTHORISED"),
      st({ state: "sending", pendingCreate: pending(1) }),
    ]) {
      const plan = planSend(order(st({ state: "failed" }), [{ id: "inv-1", state: invoice }]));
      expect(plan).toEqual({
        kind: "skip",
        upToDate: false,
        message: "Not sent: invoice INV-1 already carries this order in Xero.",
      });
    }
    // A later partial invoice in Xero counts too.
    const plan = planSend(
      order(st(), [
        { id: "inv-1", state: st() },
        { id: "inv-2", state: sent(OTHER_ID, "AUTHORISED") },
      ]),
    );
    expect(plan).toEqual({
      kind: "skip",
      upToDate: false,
      message: "Not sent: invoice INV-2 already carries this order in Xero.",
    });
  });

  it("skips an edited order whose draft became its first invoice", () => {
    const own = sent(DRAFT_ID, "AUTHORISED", true);
    expect(planSend(order(own, [{ id: "inv-1", state: sent(DRAFT_ID, "AUTHORISED") }]))).toEqual({
      kind: "skip",
      upToDate: false,
      message: "The order's Xero draft became invoice INV-1; edit the invoice instead.",
    });
    // Even once that invoice is paid: the order is not "locked", it is represented by the invoice.
    expect(
      kind(planSend(order(sent(DRAFT_ID, "PAID", true), [{ id: "inv-1", state: sent(DRAFT_ID, "PAID") }]))),
    ).toBe("skip");
  });

  it("updates an edited order whose draft is still its own", () => {
    const own = sent(DRAFT_ID, "DRAFT", true);
    expect(kind(planSend(order(own)))).toBe("update");
    expect(kind(planSend(order(own, [{ id: "inv-1", state: st({ state: "failed" }) }])))).toBe("update");
    expect(kind(planSend(order(own, [{ id: "inv-1", state: sent(OTHER_ID, "AUTHORISED") }])))).toBe("update");
  });

  it("the order's first invoice takes over the order's draft", () => {
    const plan = planSend(invoiceOf(sent(DRAFT_ID, "DRAFT"), [{ id: "inv-1" }, { id: "inv-2" }]));
    expect(plan).toEqual({
      kind: "take_over_draft",
      xeroId: DRAFT_ID,
      heldStatus: "DRAFT",
      createContact: false,
    });
  });

  it("a later partial invoice gets its own Xero invoice", () => {
    const plan = planSend(
      invoiceOf(sent(DRAFT_ID, "AUTHORISED"), [{ id: "inv-1" }, { id: "inv-2" }], st(), "inv-2"),
    );
    expect(plan).toEqual({ kind: "create", createContact: false });
  });

  it("an invoice whose order never reached Xero (not sent, failed) gets its own", () => {
    for (const orderState of [undefined, st({ state: "not_sent" }), st({ state: "failed" })]) {
      expect(kind(planSend(invoiceOf(orderState, [{ id: "inv-1" }])))).toBe("create");
    }
  });

  it("an invoice waits while its order's draft is on its way", () => {
    const onItsWay: PlanState[] = [
      st({ state: "queued" }),
      st({ state: "sending" }),
      st({ state: "failed", pendingCreate: pending(1) }),
    ];
    for (const orderState of onItsWay) {
      expect(planSend(invoiceOf(orderState, [{ id: "inv-1" }]))).toEqual({
        kind: "wait",
        reason: "order",
        message: "Waiting for order SO-1 to reach Xero.",
      });
    }
  });

  it("the first invoice gets its own when the order's draft is locked in Xero", () => {
    for (const status of ["VOIDED", "DELETED", "PAID"]) {
      expect(kind(planSend(invoiceOf(sent(DRAFT_ID, status), [{ id: "inv-1" }])))).toBe("create");
    }
  });

  it("an invoice already in Xero (its own or the taken-over draft) is updated, never taken over again", () => {
    const own = sent(DRAFT_ID, "AUTHORISED", true);
    const plan = planSend(invoiceOf(sent(DRAFT_ID, "AUTHORISED"), [{ id: "inv-1", state: own }], own));
    expect(plan).toMatchObject({ kind: "update", xeroId: DRAFT_ID });
  });

  it("a failed first invoice picked up again still takes over the draft", () => {
    const failed = st({ state: "failed", revision: 2 });
    const plan = planSend(invoiceOf(sent(DRAFT_ID, "DRAFT"), [{ id: "inv-1", state: failed }], failed));
    expect(kind(plan)).toBe("take_over_draft");
  });

  it("an order never sent waits while an invoice of it is being sent", () => {
    const plan = planSend(
      order(st({ state: "sending" }), [{ id: "inv-1", state: st({ state: "sending" }) }]),
    );
    expect(plan).toEqual({
      kind: "wait",
      reason: "invoice",
      message: "Waiting for invoice INV-1 of this order to reach Xero.",
    });
    // A queued invoice waits for the order instead, so the two never wait for each other.
    expect(
      kind(planSend(order(st({ state: "sending" }), [{ id: "inv-1", state: st({ state: "queued" }) }]))),
    ).toBe("create");
  });

  it("an invoice waits for its order's draft held for its contact or the connection", () => {
    for (const held of ["waiting_for_contact", "waiting_reconnect"] as const) {
      expect(planSend(invoiceOf(st({ state: held }), [{ id: "inv-1" }]))).toMatchObject({
        kind: "wait",
        reason: "order",
      });
    }
  });

  const orderStates: (PlanState | undefined)[] = [
    undefined,
    st({ state: "not_sent" }),
    st({ state: "queued" }),
    st({ state: "failed" }),
    st({ state: "sending" }),
    st({ state: "sending", pendingCreate: pending(1) }),
    sent(DRAFT_ID, "DRAFT"),
  ];
  const invoiceStates: (PlanState | undefined)[] = [
    undefined,
    st({ state: "not_sent" }),
    st({ state: "queued" }),
    st({ state: "failed" }),
    st({ state: "sending" }),
    st({ state: "sending", pendingCreate: pending(1) }),
    sent(OTHER_ID, "AUTHORISED"),
  ];

  it("once either is in Xero (or its create is in doubt), the other never creates a second", () => {
    for (const o of orderStates) {
      for (const i of invoiceStates) {
        const orderPlan = planSend(order(o ?? st({ state: "not_sent" }), [{ id: "inv-1", state: i }]));
        const invoicePlan = planSend(invoiceOf(o, [{ id: "inv-1", state: i }], i ?? st()));
        const context = JSON.stringify({ o, i, orderPlan, invoicePlan });
        if (o?.xeroId || o?.pendingCreate) expect(invoicePlan.kind, context).not.toBe("create");
        if (i?.xeroId || i?.pendingCreate) expect(orderPlan.kind, context).not.toBe("create");
      }
    }
  });

  it("sent at the same time (each claimed, seeing the other claimed or not), at most one creates", () => {
    // A sender claims its document before it reads the other's state, so of two concurrent senders
    // at least one sees the other as `sending`.
    for (const orderSeesInvoice of [
      st({ state: "sending" }),
      st({ state: "queued" }),
      st({ state: "not_sent" }),
    ]) {
      for (const invoiceSeesOrder of [
        st({ state: "sending" }),
        st({ state: "queued" }),
        st({ state: "not_sent" }),
      ]) {
        if (orderSeesInvoice.state !== "sending" && invoiceSeesOrder.state !== "sending") continue;
        const orderPlan = planSend(
          order(st({ state: "sending" }), [{ id: "inv-1", state: orderSeesInvoice }]),
        );
        const invoicePlan = planSend(
          invoiceOf(invoiceSeesOrder, [{ id: "inv-1" }], st({ state: "sending" })),
        );
        expect(
          orderPlan.kind === "create" && invoicePlan.kind === "create",
          JSON.stringify({ orderSeesInvoice, invoiceSeesOrder }),
        ).toBe(false);
      }
    }
  });
});

describe("statusToSend: status only moves forward", () => {
  // undefined: the update carries no status, and Xero keeps the one it holds.
  const cases: [SyncDocumentType, string, string | null, string | undefined][] = [
    ["quote", "DRAFT", null, "DRAFT"],
    ["quote", "DRAFT", "DRAFT", undefined],
    ["quote", "DRAFT", "SENT", undefined],
    ["quote", "DRAFT", "ACCEPTED", undefined],
    ["quote", "DRAFT", "DECLINED", undefined],
    ["sales_order", "DRAFT", "DRAFT", undefined],
    ["sales_order", "DRAFT", "SUBMITTED", undefined],
    ["sales_order", "DRAFT", "AUTHORISED", undefined],
    ["invoice", "AUTHORISED", "DRAFT", "AUTHORISED"],
    ["invoice", "AUTHORISED", "SUBMITTED", "AUTHORISED"],
    ["invoice", "AUTHORISED", "AUTHORISED", undefined],
    ["bill", "DRAFT", "AUTHORISED", undefined],
    ["bill", "AUTHORISED", "DRAFT", "AUTHORISED"],
    ["bill", "AUTHORISED", "SUBMITTED", "AUTHORISED"],
    ["purchase_order", "DRAFT", "AUTHORISED", undefined],
    ["purchase_order", "SUBMITTED", "DRAFT", "SUBMITTED"],
    ["purchase_order", "AUTHORISED", "BILLED", undefined],
    ["purchase_order", "AUTHORISED", "SOMETHING NEW", "AUTHORISED"],
  ];
  it.each(cases)(
    "a %s wanted %s while Xero holds %s is sent with status %s",
    (type, wanted, held, expected) => {
      expect(statusToSend(type, wanted, held)).toBe(expected);
    },
  );
});

describe("currency", () => {
  const inEur = (overrides: Partial<SendFacts> = {}, type: SyncDocumentType = "quote") =>
    facts(type, {
      currency: { code: "EUR", enabled: ["NZD", "AUD", "USD"], organisationName: "Demo Fabrication NZ" },
      ...overrides,
    });

  it("holds a document in a currency the organisation has not enabled, before any call, saying why", () => {
    for (const type of ["quote", "sales_order", "invoice", "purchase_order", "bill"] as const) {
      const plan = planSend(inEur({}, type));
      expect(plan).toEqual({
        kind: "wait",
        reason: "currency",
        message:
          "Held, nothing sent to Xero: EUR isn't enabled in Demo Fabrication NZ in Xero. Enable it there (Settings → Currencies), or choose NZD, AUD, USD. After enabling it, open Factory's Xero page so Factory reads the currencies again, then retry.",
      });
    }
  });

  it("holds an update too, and an unlinked party's contact is not created for it", () => {
    expect(planSend(inEur({ state: sent(OWN_ID, "DRAFT", true) }))).toMatchObject({ reason: "currency" });
    expect(planSend(inEur({ party: { kind: "customer", name: "Acme", linked: false } }))).toMatchObject({
      reason: "currency",
    });
  });

  it("sends an enabled foreign currency, and anything while the enabled currencies are unknown", () => {
    const usd = { code: "USD", enabled: ["NZD", "AUD", "USD"], organisationName: "Demo Fabrication NZ" };
    expect(planSend(facts("quote", { currency: usd }))).toEqual({ kind: "create", createContact: false });
    const unknown = { code: "EUR", enabled: null, organisationName: "Demo Fabrication NZ" };
    expect(planSend(facts("quote", { currency: unknown }))).toEqual({ kind: "create", createContact: false });
  });

  it("keeps the stronger answers first: up to date, disconnected, a create to replay, locked", () => {
    expect(planSend(inEur({ state: sent(OWN_ID, "DRAFT") }))).toMatchObject({ kind: "skip", upToDate: true });
    expect(planSend(inEur({ connection: "needs_reconnect" }))).toMatchObject({ reason: "connection" });
    expect(planSend(inEur({ state: st({ pendingCreate: pending(1) }) }))).toMatchObject({ kind: "replay" });
    expect(planSend(inEur({ state: sent(OWN_ID, "DELETED", true) }))).toMatchObject({ kind: "locked" });
  });
});

describe("a contact archived in Xero", () => {
  const archived = (overrides: Partial<SendFacts> = {}, type: SyncDocumentType = "invoice") =>
    facts(type, {
      party: { kind: "customer", name: "Acme", linked: true, contactStatus: "ARCHIVED" },
      ...overrides,
    });
  const message = "The customer Acme is archived in Xero: restore it in Xero or link another contact.";

  it("holds a create and an update before any call, saying what to do (Xero would refuse them)", () => {
    for (const type of ["quote", "sales_order", "invoice", "credit_note"] as const) {
      expect(planSend(archived({}, type))).toEqual({ kind: "wait", reason: "contact", message });
    }
    expect(planSend(archived({ state: sent(OWN_ID, "AUTHORISED", true) }))).toEqual({
      kind: "wait",
      reason: "contact",
      message,
    });
  });

  it("sends once the contact is active again, or when Factory never read its status", () => {
    const active = { kind: "customer" as const, name: "Acme", linked: true, contactStatus: "ACTIVE" };
    expect(planSend(facts("invoice", { party: active }))).toEqual({ kind: "create", createContact: false });
    const unknown = { ...active, contactStatus: null };
    expect(planSend(facts("invoice", { party: unknown }))).toEqual({ kind: "create", createContact: false });
  });

  it("still ends a document (a void or a delete names no contact), and keeps the stronger answers first", () => {
    expect(
      planSend(archived({ factoryStatus: "voided", state: sent(OWN_ID, "AUTHORISED", true) })),
    ).toMatchObject({ kind: "status", steps: ["VOIDED"] });
    expect(planSend(archived({ connection: "needs_reconnect" }))).toMatchObject({ reason: "connection" });
    expect(planSend(archived({ state: sent(OWN_ID, "PAID", true) }))).toMatchObject({ kind: "locked" });
  });
});

describe("which invoice carries a sales order in Xero", () => {
  const invoices = (...states: (PlanState | undefined)[]) =>
    states.map((state, n) => ({ id: `inv-${n + 1}`, number: `SI-${n + 1}`, state }));

  it("names the first invoice when it took over the order's draft, and the planner says the same", () => {
    const carrying = carryingInvoice({ xeroId: DRAFT_ID }, invoices(sent(DRAFT_ID, "AUTHORISED"), st()));
    expect(carrying).toEqual({
      id: "inv-1",
      number: "SI-1",
      tookOverDraft: true,
      message: "The order's Xero draft became invoice SI-1; edit the invoice instead.",
    });
    const plan = planSend(
      order(sent(DRAFT_ID, "AUTHORISED", true), [{ id: "inv-1", state: sent(DRAFT_ID, "AUTHORISED") }]),
    );
    expect(plan).toMatchObject({
      kind: "skip",
      message: "The order's Xero draft became invoice INV-1; edit the invoice instead.",
    });
  });

  it("names the invoice already in Xero for an order never sent itself", () => {
    expect(
      carryingInvoice({ xeroId: null }, invoices(undefined, sent(OTHER_ID, "AUTHORISED"))),
    ).toMatchObject({
      id: "inv-2",
      tookOverDraft: false,
      message: "Not sent: invoice SI-2 already carries this order in Xero.",
    });
  });

  it("names none while the order's draft is its own, or nothing of the sale is in Xero", () => {
    expect(carryingInvoice({ xeroId: DRAFT_ID }, invoices(sent(OTHER_ID, "AUTHORISED")))).toBeNull();
    expect(carryingInvoice({ xeroId: DRAFT_ID }, [])).toBeNull();
    expect(carryingInvoice({ xeroId: null }, invoices(st(), undefined))).toBeNull();
  });
});

describe("whether Xero still accepts an edit", () => {
  const state = (overrides: Partial<Parameters<typeof xeroEditRefusal>[1] & object> = {}) => ({
    state: "sent" as const,
    xeroId: OWN_ID,
    xeroStatus: "AUTHORISED",
    lastError: null,
    ...overrides,
  });

  it("accepts a document Xero has not got, or holds as a draft or awaiting payment", () => {
    expect(xeroEditRefusal("invoice", undefined)).toBeNull();
    expect(xeroEditRefusal("invoice", state({ xeroId: null, xeroStatus: null, state: "failed" }))).toBeNull();
    for (const status of ["DRAFT", "SUBMITTED", "AUTHORISED"]) {
      expect(xeroEditRefusal("invoice", state({ xeroStatus: status })), status).toBeNull();
      expect(xeroEditRefusal("bill", state({ xeroStatus: status })), status).toBeNull();
    }
  });

  it("refuses once Xero last answered paid, voided or deleted, in the planner's words", () => {
    for (const status of ["PAID", "VOIDED", "DELETED"]) {
      expect(xeroEditRefusal("invoice", state({ xeroStatus: status }))).toBe(lockedReason("invoice", status));
      expect(xeroEditRefusal("bill", state({ xeroStatus: status }))).toBe(lockedReason("bill", status));
    }
  });

  it("refuses a document whose last send ended locked, with Xero's own words", () => {
    const message = "This document cannot be edited as it has a payment or credit note allocated to it.";
    expect(xeroEditRefusal("invoice", state({ state: "locked", lastError: message }))).toBe(message);
    expect(xeroEditRefusal("bill", state({ state: "locked", xeroStatus: "PAID" }))).toBe(
      lockedReason("bill", "PAID"),
    );
  });
});

describe("lifecycle changes (docs/sync.md#lifecycle-changes)", () => {
  const ended = (
    type: SyncDocumentType,
    factoryStatus: string,
    held: string | null,
    xeroId: string | null = OWN_ID,
  ) => planSend(facts(type, { factoryStatus, state: xeroId ? sent(xeroId, held ?? "DRAFT", true) : st() }));

  it("deletes a cancelled order's Xero draft, and explains why an approved or paid one stays", () => {
    expect(ended("sales_order", "cancelled", "DRAFT")).toEqual({
      kind: "status",
      xeroId: OWN_ID,
      heldStatus: "DRAFT",
      steps: ["DELETED"],
    });
    expect(ended("sales_order", "cancelled", "AUTHORISED")).toEqual({
      kind: "locked",
      message:
        "Xero deletes only drafts, and this invoice is approved in Xero, so it stays there. Void it in Xero if the sale is off.",
    });
    expect(ended("sales_order", "cancelled", "PAID")).toEqual({
      kind: "locked",
      message:
        "Xero can't delete the invoice: it is paid in Xero. Remove its payments in Xero first, then retry.",
    });
    expect(ended("sales_order", "cancelled", "DELETED")).toMatchObject({ kind: "skip", upToDate: true });
  });

  it("sends nothing for a document cancelled or voided before it reached Xero", () => {
    expect(ended("sales_order", "cancelled", null, null)).toMatchObject({
      kind: "skip",
      upToDate: false,
      message: "Never sent to Xero, so there is nothing to delete there.",
    });
    expect(ended("invoice", "voided", null, null)).toMatchObject({ kind: "skip", upToDate: false });
  });

  it("voids an approved invoice or bill, deletes one Xero holds unapproved, and not a paid one", () => {
    expect(ended("invoice", "voided", "AUTHORISED")).toMatchObject({ kind: "status", steps: ["VOIDED"] });
    expect(ended("bill", "voided", "DRAFT")).toMatchObject({ kind: "status", steps: ["DELETED"] });
    expect(ended("bill", "voided", "SUBMITTED")).toMatchObject({ kind: "status", steps: ["DELETED"] });
    expect(ended("invoice", "voided", "PAID")).toMatchObject({
      kind: "locked",
      message:
        "Xero can't void the invoice: it is paid in Xero. Remove its payments in Xero first, then retry.",
    });
    expect(ended("invoice", "voided", "VOIDED")).toMatchObject({ kind: "skip", upToDate: true });
  });

  it("moves a quote forward one Xero step at a time, and never back", () => {
    expect(ended("quote", "accepted", "DRAFT")).toMatchObject({
      kind: "status",
      steps: ["SENT", "ACCEPTED"],
    });
    expect(ended("quote", "declined", "SENT")).toMatchObject({ kind: "status", steps: ["DECLINED"] });
    expect(ended("quote", "sent", "DRAFT")).toMatchObject({ kind: "status", steps: ["SENT"] });
    // Back in Factory, or across (accepted → declined): Xero keeps its status; the edit goes as an update.
    expect(ended("quote", "draft", "SENT")).toMatchObject({ kind: "update" });
    expect(ended("quote", "declined", "ACCEPTED")).toMatchObject({ kind: "update" });
  });

  it("bills a fully billed purchase order once approved, and deletes a cancelled one", () => {
    expect(ended("purchase_order", "billed", "DRAFT")).toMatchObject({
      kind: "status",
      steps: ["AUTHORISED", "BILLED"],
    });
    expect(ended("purchase_order", "billed", "AUTHORISED")).toMatchObject({
      kind: "status",
      steps: ["BILLED"],
    });
    expect(ended("purchase_order", "cancelled", "AUTHORISED")).toMatchObject({
      kind: "status",
      steps: ["DELETED"],
    });
    expect(ended("purchase_order", "cancelled", "BILLED")).toMatchObject({ kind: "locked" });
  });

  it("leaves a purchase order Xero holds BILLED alone once its bill is voided in Factory, saying why", () => {
    for (const factoryStatus of ["sent", "partially_billed"]) {
      expect(ended("purchase_order", factoryStatus, "BILLED")).toEqual({
        kind: "locked",
        message:
          "Xero keeps the purchase order billed: Xero can't unbill a purchase order, so it stays billed there though its bill was voided in Factory. Changes to the order stay in Factory; its next bills go to Xero on their own.",
      });
    }
    // Approved in Xero, sent in Factory: an ordinary update.
    expect(ended("purchase_order", "sent", "AUTHORISED")).toMatchObject({ kind: "update" });
  });

  it("creates a document accepted or billed before it was sent, then moves it on", () => {
    expect(ended("quote", "accepted", null, null)).toEqual({
      kind: "create",
      createContact: false,
      then: "ACCEPTED",
    });
    expect(ended("purchase_order", "billed", null, null)).toMatchObject({ kind: "create", then: "BILLED" });
    expect(ended("quote", "draft", null, null)).toEqual({ kind: "create", createContact: false });
  });
});

describe("an order's invoice voided before it reached Xero", () => {
  it("leaves the order's draft to the next invoice", () => {
    const order = sent(DRAFT_ID, "DRAFT");
    const plan = planSend(
      invoiceOf(order, [{ id: "inv-0", voided: true, state: st({ state: "not_sent" }) }, { id: "inv-1" }]),
    );
    expect(plan).toMatchObject({ kind: "take_over_draft", xeroId: DRAFT_ID });
  });

  it("keeps the draft with a voided invoice Xero holds (its void may still be on its way)", () => {
    const order = sent(DRAFT_ID, "AUTHORISED");
    const plan = planSend(
      invoiceOf(order, [
        { id: "inv-0", voided: true, state: sent(DRAFT_ID, "AUTHORISED", true) },
        { id: "inv-1" },
      ]),
    );
    expect(plan).toMatchObject({ kind: "create" });
  });
});
