/**
 * The Xero page's history in sentences: each audit event of the connection and its settings as
 * "Automatic sending of quotes turned on" or "Tax rate GST 15% on sales: 15% GST on Income", with
 * names instead of ids, codes and field names. Pure; the page passes the names it knows.
 */

export interface SettingsNames {
  /** Factory tax rate id → its name ("GST 15%"). */
  taxRates: ReadonlyMap<string, string>;
  /** Xero tax type → its name in the organisation ("OUTPUT2" → "15% GST on Income"). */
  taxTypes: ReadonlyMap<string, string>;
  /** Xero account code → "200 — Sales". */
  accounts: ReadonlyMap<string, string>;
}

export interface SettingsEventLike {
  action: string;
  before: unknown;
  after: unknown;
}

export interface DescribedEvent {
  title: string;
  sentences: string[];
}

type Values = Record<string, unknown>;

const TITLES: Record<string, string> = {
  updated: "Settings changed",
  tax_mapping_updated: "Tax mapping changed",
  defaults_from_organisation: "Defaults taken from the organisation",
  connected: "Connected",
  reconnected: "Reconnected",
  organisation_switched: "Switched organisation",
  disconnected: "Disconnected",
  needs_reconnect: "Xero stopped accepting the connection",
};

const AUTO_SEND: Record<string, string> = {
  autoSendQuotes: "quotes",
  autoSendSalesOrders: "sales orders",
  autoSendInvoices: "invoices",
  autoSendPurchaseOrders: "purchase orders",
  autoSendBills: "bills",
};

const SWITCHES: Record<string, string> = {
  createContactForNewCustomers: "Ticking “Create Xero contact” on new customers",
  createContactForNewSuppliers: "Ticking “Create Xero contact” on new suppliers",
  keepContactsUpdated: "Keeping Xero contact details up to date",
};

const STATUS_NAMES: Record<string, Record<string, string>> = {
  billStatus: { DRAFT: "Draft", SUBMITTED: "Awaiting approval", AUTHORISED: "Awaiting payment" },
  purchaseOrderStatus: { DRAFT: "Draft", SUBMITTED: "Awaiting approval", AUTHORISED: "Approved" },
};

const STATUS_LABELS: Record<string, string> = {
  billStatus: "Bills are created in Xero as",
  purchaseOrderStatus: "Purchase orders are created in Xero as",
};

const ACCOUNT_LABELS: Record<string, string> = {
  salesAccountCode: "Sales account",
  purchaseAccountCode: "Purchases account",
};

const NO_TAX_LABELS: Record<string, string> = {
  salesNoTaxType: "Tax type for untaxed sales lines",
  purchaseNoTaxType: "Tax type for untaxed purchase lines",
};

const asValues = (value: unknown): Values =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {};
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function account(code: unknown, names: SettingsNames): string {
  const value = text(code);
  return value ? (names.accounts.get(value) ?? value) : "none";
}

function taxType(type: unknown, names: SettingsNames): string {
  const value = text(type);
  return value ? (names.taxTypes.get(value) ?? value) : "Not mapped";
}

/** " (was X)" when there was a different value before; nothing when it was first set. */
const was = (before: string | null, after: string) =>
  before !== null && before !== after ? ` (was ${before})` : "";

function settingSentence(key: string, before: unknown, after: unknown, names: SettingsNames): string {
  const auto = AUTO_SEND[key];
  if (auto) return `Automatic sending of ${auto} turned ${after ? "on" : "off"}`;
  const toggle = SWITCHES[key];
  if (toggle) return `${toggle} turned ${after ? "on" : "off"}`;
  const statusLabel = STATUS_LABELS[key];
  if (statusLabel) {
    const named = (value: unknown) => STATUS_NAMES[key]?.[String(value)] ?? String(value);
    return `${statusLabel} ${named(after)}${was(before === undefined ? null : named(before), named(after))}`;
  }
  const accountLabel = ACCOUNT_LABELS[key];
  if (accountLabel) {
    const now = account(after, names);
    return `${accountLabel}: ${now}${was(before === undefined ? null : account(before, names), now)}`;
  }
  const noTaxLabel = NO_TAX_LABELS[key];
  if (noTaxLabel) {
    const now = taxType(after, names);
    return `${noTaxLabel}: ${now}${was(before === undefined ? null : taxType(before, names), now)}`;
  }
  return `A setting changed`;
}

function mappingSentences(
  rateName: string,
  before: { sales: unknown; purchases: unknown } | null,
  after: { sales: unknown; purchases: unknown },
  names: SettingsNames,
): string[] {
  const sentences: string[] = [];
  for (const side of ["sales", "purchases"] as const) {
    if (before && (before[side] ?? null) === (after[side] ?? null)) continue;
    const now = taxType(after[side], names);
    const then = before ? taxType(before[side], names) : null;
    sentences.push(`Tax rate ${rateName} on ${side}: ${now}${was(then, now)}`);
  }
  return sentences;
}

function rateName(value: Values, names: SettingsNames): string {
  return text(value.taxRate) ?? names.taxRates.get(String(value.taxRateId)) ?? "(deleted tax rate)";
}

export function describeSettingsEvent(event: SettingsEventLike, names: SettingsNames): DescribedEvent {
  const before = asValues(event.before);
  const after = asValues(event.after);
  const title = TITLES[event.action] ?? "Changed";
  const organisation = text(after.organisation) ?? text(before.organisation);

  switch (event.action) {
    case "updated":
      return {
        title,
        sentences: Object.keys(after).map((key) => settingSentence(key, before[key], after[key], names)),
      };
    case "tax_mapping_updated": {
      const name = rateName({ ...before, ...after }, names);
      const sentences = mappingSentences(
        name,
        { sales: before.sales, purchases: before.purchases },
        { sales: after.sales, purchases: after.purchases },
        names,
      );
      return { title, sentences: sentences.length ? sentences : [`Tax rate ${name}: no change`] };
    }
    case "defaults_from_organisation": {
      const sentences: string[] = [];
      for (const key of ["salesAccountCode", "purchaseAccountCode"]) {
        if (after[key] !== undefined && after[key] !== before[key]) {
          sentences.push(settingSentence(key, before[key], after[key], names));
        }
      }
      const mappings = Array.isArray(after.taxMappings) ? after.taxMappings.map(asValues) : [];
      for (const mapping of mappings) {
        sentences.push(
          ...mappingSentences(
            rateName(mapping, names),
            null,
            { sales: mapping.salesTaxType, purchases: mapping.purchaseTaxType },
            names,
          ).filter((sentence) => !sentence.endsWith(": Not mapped")),
        );
      }
      return { title, sentences };
    }
    case "connected":
    case "reconnected":
      return { title, sentences: organisation ? [`${title} to ${organisation}`] : [] };
    case "organisation_switched": {
      const from = text(before.organisation);
      const to = text(after.organisation);
      return {
        title,
        sentences: [
          `Switched${from ? ` from ${from}` : ""}${to ? ` to ${to}` : ""}`,
          ...(after.linksCleared
            ? ["Links to the previous organisation's contacts and documents were cleared"]
            : []),
        ],
      };
    }
    case "disconnected":
      return { title, sentences: organisation ? [`Disconnected from ${organisation}`] : [] };
    case "needs_reconnect":
      return {
        title,
        sentences: [
          "Sending is held until an admin reconnects",
          ...(text(after.reason) ? [`Xero said: ${text(after.reason)}`] : []),
        ],
      };
    default:
      return { title, sentences: [] };
  }
}
