import type { DriftDifference, SentSnapshot, SyncDocumentType } from "@/lib/db/schema";
import { formatMoney, formatQuantity, formatUnitPrice } from "@/lib/factory/money";
import { formatDay } from "@/lib/ui/dates";
import type { XeroDocumentCopy } from "@/lib/xero/api/read-back";

/**
 * Drift: where Xero's copy of a document no longer matches what Factory last sent, because someone
 * edited it in Xero. Factory never applies such a change and never forgets it: the difference is
 * kept and shown until Factory sends its version again or staff accept that Xero now differs.
 */

/**
 * How far along its life a status is in Xero (invoices and bills DRAFT → SUBMITTED → AUTHORISED →
 * PAID; quotes DRAFT → SENT → ACCEPTED | DECLINED → INVOICED; purchase orders DRAFT → SUBMITTED →
 * AUTHORISED → BILLED). A copy further back than what Factory sent moved back; one as far along but
 * elsewhere (a quote Factory sent ACCEPTED that Xero holds DECLINED) contradicts it. Both are drift;
 * a status moved forward in Xero (paid, accepted, billed) is Xero's to tell, not drift. Ended
 * statuses (VOIDED, DELETED) have no rank: the card says what ended, not what differs.
 */
const STATUS_RANK: Record<string, number> = {
  DRAFT: 0,
  SUBMITTED: 1,
  SENT: 1,
  AUTHORISED: 2,
  ACCEPTED: 2,
  DECLINED: 2,
  PAID: 3,
  BILLED: 3,
  INVOICED: 3,
};

/** What a document's second date is called: an invoice's due date is a quote's expiry. */
const DUE_DATE_LABEL: Partial<Record<SyncDocumentType, string>> = {
  quote: "Expiry date",
  purchase_order: "Delivery date",
};

/** The differences between what Factory sent and Xero's copy now; empty when they agree. */
export function documentDrift(
  sent: SentSnapshot,
  copy: XeroDocumentCopy,
  type?: SyncDocumentType,
): DriftDifference[] {
  const differences: DriftDifference[] = [];
  const compare = (field: string, factory: string | null, xero: string | null) => {
    if ((factory ?? null) !== (xero ?? null)) differences.push({ field, factory, xero });
  };
  compare("Contact", sent.contactId, copy.contactId);
  compare("Date", sent.date, copy.date);
  compare((type && DUE_DATE_LABEL[type]) ?? "Due date", sent.dueDate, copy.dueDate);
  compare("Total", sent.total, copy.total);
  const sentRank = sent.status ? STATUS_RANK[sent.status] : undefined;
  const xeroRank = copy.status ? STATUS_RANK[copy.status] : undefined;
  if (
    sentRank !== undefined &&
    xeroRank !== undefined &&
    (xeroRank < sentRank || (xeroRank === sentRank && sent.status !== copy.status))
  )
    differences.push({ field: "Status", factory: sent.status, xero: copy.status });
  if (sent.lines.length !== copy.lines.length) {
    differences.push({ field: "Lines", factory: String(sent.lines.length), xero: String(copy.lines.length) });
  }
  sent.lines.forEach((line, index) => {
    const other = copy.lines[index];
    if (!other) return;
    const name = `Line ${index + 1}`;
    compare(`${name} description`, line.description, other.description);
    compare(`${name} quantity`, line.quantity, other.quantity);
    compare(`${name} unit price`, line.unitAmount, other.unitAmount);
    compare(`${name} amount`, line.lineAmount, other.lineAmount);
  });
  return differences;
}

const sameDifferences = (a: readonly DriftDifference[], b: readonly DriftDifference[]) =>
  a.length === b.length &&
  a.every((d, i) => d.field === b[i]?.field && d.factory === b[i]?.factory && d.xero === b[i]?.xero);

/**
 * The drift to store: null when Xero agrees with what Factory sent, or when staff accepted exactly
 * these differences; otherwise the differences. A copy that differs in a new way shows again.
 */
export function driftToStore(
  sent: SentSnapshot | null,
  copy: XeroDocumentCopy,
  accepted: readonly DriftDifference[] | null,
  type?: SyncDocumentType,
): DriftDifference[] | null | undefined {
  if (!sent) return undefined;
  const differences = documentDrift(sent, copy, type);
  if (differences.length === 0) return null;
  if (accepted && sameDifferences(differences, accepted)) return null;
  return differences;
}

/**
 * The differences as staff read them, each value in the form of its field (the names above): days
 * as dates ("15 Jan 2027"), quantities without Xero's trailing zeros ("10", not "10.0000"), money in
 * the document's currency (unit prices to Xero's 4 places, so 3.3333 and 3.33 still read apart), a
 * contact by the name Factory knows it by (the linked contacts' copies), and nothing as "nothing".
 * For display only: what is stored, and accepted, stays Xero's own values.
 */
export function driftForDisplay(
  differences: readonly DriftDifference[],
  currency: string,
  contactNames: ReadonlyMap<string, string>,
): DriftDifference[] {
  return differences.map(({ field, factory, xero }) => {
    const shown = (value: string | null) => {
      if (value === null) return "nothing";
      if (field === "Contact") return contactNames.get(value) ?? `a contact Factory doesn't link (${value})`;
      if (field === "Total" || field.endsWith(" amount")) return formatMoney(value, currency);
      if (field.endsWith(" unit price")) return `${currency} ${formatUnitPrice(value)}`;
      if (field.endsWith(" quantity")) return formatQuantity(value);
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : value;
    };
    return { field, factory: shown(factory), xero: shown(xero) };
  });
}

/** The Xero contacts a document's drift names, to look their names up. */
export function driftContactIds(differences: readonly DriftDifference[] | null): string[] {
  return (differences ?? [])
    .filter((difference) => difference.field === "Contact")
    .flatMap(({ factory, xero }) => [factory, xero].filter((id): id is string => id !== null));
}

export { snapshotOf } from "@/lib/xero/api/read-back";
