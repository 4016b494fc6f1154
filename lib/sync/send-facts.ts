import type { Executor } from "@/lib/db/client";
import { cachedContactStates } from "@/lib/db/queries/contact-read-back";
import { creditNoteAllocations } from "@/lib/db/queries/credit-notes";
import { invoicesOfOrders, type SyncDocument } from "@/lib/db/queries/sync-documents";
import { getSyncStates } from "@/lib/db/queries/sync-states";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { getXeroSettings } from "@/lib/db/queries/xero-settings";
import type { DocumentSyncState } from "@/lib/db/schema";
import { buildPayload, payloadHash } from "./payload";
import type { PlanState, SendFacts } from "./planner";

/**
 * Gathers what the planner needs for documents of one type (one for a single send, up to 50 for a
 * bulk batch) in a fixed number of queries: the connection, the settings, the linked contacts'
 * status in Xero as last read, and for sales orders and invoices the order's state and its invoices'
 * states. With `appUrl`, a document Xero holds as Factory last sent it whole also gets the hash of
 * the payload it would send now, so the planner can tell an update that changes nothing in Xero
 * (the bulk path, which only creates, passes none).
 */
export async function loadSendFacts(
  db: Executor,
  docs: readonly { doc: SyncDocument; state: PlanState }[],
  options: { appUrl?: string } = {},
): Promise<Map<string, SendFacts>> {
  const facts = new Map<string, SendFacts>();
  if (docs.length === 0) return facts;
  const [connection, settings, sales, credits, contacts, hashes] = await Promise.all([
    getXeroConnection(db),
    getXeroSettings(db),
    loadSales(db, docs),
    loadCredits(db, docs),
    cachedContactStates(
      db,
      docs.flatMap(({ doc }) => (doc.party.xeroContactId ? [doc.party.xeroContactId] : [])),
    ),
    options.appUrl === undefined
      ? new Map<string, string | null>()
      : loadPayloadHashes(db, docs, options.appUrl),
  ]);
  for (const { doc, state } of docs) {
    facts.set(doc.id, {
      type: doc.type,
      id: doc.id,
      factoryStatus: doc.status,
      state,
      party: {
        kind: doc.party.kind,
        name: doc.party.name,
        linked: !!doc.party.xeroContactId,
        contactStatus: doc.party.xeroContactId
          ? (contacts.get(doc.party.xeroContactId)?.status ?? null)
          : null,
      },
      mayCreateContact:
        doc.party.kind === "customer"
          ? settings.createContactForNewCustomers
          : settings.createContactForNewSuppliers,
      connection:
        connection?.status === "connected"
          ? "connected"
          : connection?.status === "needs_reconnect"
            ? "needs_reconnect"
            : "not_connected",
      currency: {
        code: doc.currency,
        enabled: connection?.enabledCurrencies ?? null,
        organisationName: connection?.organisationName ?? null,
      },
      sale: sales.get(doc.id),
      credit: credits.get(doc.id),
      ...(hashes.has(doc.id) ? { payloadHash: hashes.get(doc.id) } : {}),
    });
  }
  return facts;
}

/**
 * For documents Xero holds with a stored hash of what it accepted: the hash of the payload each
 * would send now, or null when it can't be built (a mapping to fill in: the send itself says so).
 */
async function loadPayloadHashes(
  db: Executor,
  docs: readonly { doc: SyncDocument; state: PlanState }[],
  appUrl: string,
): Promise<Map<string, string | null>> {
  const hashes = new Map<string, string | null>();
  for (const { doc, state } of docs) {
    if (!state.xeroId || !state.sentPayloadHash) continue;
    try {
      hashes.set(doc.id, payloadHash(await buildPayload(db, doc, appUrl)));
    } catch {
      hashes.set(doc.id, null);
    }
  }
  return hashes;
}

/** For sales orders and invoices: the order, its state, and its invoices with theirs. */
async function loadSales(
  db: Executor,
  docs: readonly { doc: SyncDocument; state: PlanState }[],
): Promise<Map<string, NonNullable<SendFacts["sale"]>>> {
  const orderOf = new Map<string, { id: string; number: string }>();
  for (const { doc } of docs) {
    if (doc.type === "sales_order") orderOf.set(doc.id, { id: doc.id, number: doc.number });
    if (doc.type === "invoice" && doc.parent) orderOf.set(doc.id, doc.parent);
  }
  const sales = new Map<string, NonNullable<SendFacts["sale"]>>();
  if (orderOf.size === 0) return sales;
  const orderIds = [...new Set([...orderOf.values()].map((order) => order.id))];
  const invoicesOf = await invoicesOfOrders(db, orderIds);
  const invoiceIds = [...invoicesOf.values()].flat().map((invoice) => invoice.id);
  const [orderStates, invoiceStates] = await Promise.all([
    getSyncStates(db, "sales_order", orderIds),
    getSyncStates(db, "invoice", invoiceIds),
  ]);
  const byId = (rows: DocumentSyncState[]) => new Map(rows.map((row) => [row.recordId, row]));
  const orders = byId(orderStates);
  const invoices = byId(invoiceStates);
  for (const [docId, order] of orderOf) {
    sales.set(docId, {
      order: { ...order, state: orders.get(order.id) },
      invoices: (invoicesOf.get(order.id) ?? []).map((invoice) => ({
        ...invoice,
        state: invoices.get(invoice.id),
      })),
    });
  }
  return sales;
}

/** For credit notes: the invoice (bill) credited with its state, and whether the allocation is settled. */
async function loadCredits(
  db: Executor,
  docs: readonly { doc: SyncDocument; state: PlanState }[],
): Promise<Map<string, NonNullable<SendFacts["credit"]>>> {
  const credits = new Map<string, NonNullable<SendFacts["credit"]>>();
  const notes = docs.filter(
    ({ doc }) => (doc.type === "credit_note" || doc.type === "supplier_credit") && doc.parent,
  );
  if (notes.length === 0) return credits;
  const creditedType = (doc: SyncDocument) => (doc.type === "credit_note" ? "invoice" : "bill");
  const idsOf = (type: "invoice" | "bill") =>
    notes.filter(({ doc }) => creditedType(doc) === type).map(({ doc }) => doc.parent?.id ?? "");
  const [allocations, invoiceStates, billStates] = await Promise.all([
    creditNoteAllocations(
      db,
      notes.map(({ doc }) => doc.id),
    ),
    getSyncStates(db, "invoice", idsOf("invoice")),
    getSyncStates(db, "bill", idsOf("bill")),
  ]);
  const states = new Map([...invoiceStates, ...billStates].map((row) => [row.recordId, row]));
  for (const { doc } of notes) {
    if (!doc.parent) continue;
    credits.set(doc.id, {
      credited: { type: creditedType(doc), ...doc.parent, state: states.get(doc.parent.id) },
      allocationSettled: allocations.get(doc.id)?.settled ?? false,
    });
  }
  return credits;
}
