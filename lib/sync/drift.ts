import type { DriftDifference, SentSnapshot } from "@/lib/db/schema";
import type { XeroDocumentCopy } from "@/lib/xero/api/read-back";

/**
 * Drift: where Xero's copy of a document no longer matches what Factory last sent, because someone
 * edited it in Xero. Factory never applies such a change and never forgets it: the difference is
 * kept and shown until Factory sends its version again or staff accept that Xero now differs.
 */

/** How far along Xero's approval a status is; a copy further back than what Factory sent moved back. */
const STATUS_RANK: Record<string, number> = { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2, PAID: 3 };

/** The differences between what Factory sent and Xero's copy now; empty when they agree. */
export function documentDrift(sent: SentSnapshot, copy: XeroDocumentCopy): DriftDifference[] {
  const differences: DriftDifference[] = [];
  const compare = (field: string, factory: string | null, xero: string | null) => {
    if ((factory ?? null) !== (xero ?? null)) differences.push({ field, factory, xero });
  };
  compare("Contact", sent.contactId, copy.contactId);
  compare("Date", sent.date, copy.date);
  compare("Due date", sent.dueDate, copy.dueDate);
  compare("Total", sent.total, copy.total);
  const sentRank = sent.status ? STATUS_RANK[sent.status] : undefined;
  const xeroRank = copy.status ? STATUS_RANK[copy.status] : undefined;
  if (sentRank !== undefined && xeroRank !== undefined && xeroRank < sentRank)
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
): DriftDifference[] | null | undefined {
  if (!sent) return undefined;
  const differences = documentDrift(sent, copy);
  if (differences.length === 0) return null;
  if (accepted && sameDifferences(differences, accepted)) return null;
  return differences;
}

export { snapshotOf } from "@/lib/xero/api/read-back";
