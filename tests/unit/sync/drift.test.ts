import { describe, expect, it } from "vitest";
import type { SentSnapshot } from "@/lib/db/schema";
import { documentDrift, driftForDisplay, driftToStore, snapshotOf } from "@/lib/sync/drift";
import type { XeroDocumentCopy } from "@/lib/xero/api/read-back";

const copy = (overrides: Partial<XeroDocumentCopy> = {}): XeroDocumentCopy => ({
  id: "x",
  status: "AUTHORISED",
  total: "115.00",
  amountPaid: "0.00",
  amountDue: "115.00",
  amountCredited: "0.00",
  fullyPaidOn: null,
  date: "2026-11-25",
  dueDate: "2026-12-20",
  updatedAt: new Date("2026-11-25T10:00:00Z"),
  contactId: "c1",
  lines: [{ description: "Frame", quantity: "1.0000", unitAmount: "100.0000", lineAmount: "100.00" }],
  ...overrides,
});

const sent: SentSnapshot = snapshotOf(copy());

describe("documentDrift", () => {
  it("finds nothing when Xero holds what Factory sent, payments included", () => {
    expect(documentDrift(sent, copy())).toEqual([]);
    expect(documentDrift(sent, copy({ status: "PAID", amountPaid: "115.00", amountDue: "0.00" }))).toEqual(
      [],
    );
  });

  it("names each field someone changed in Xero", () => {
    const edited = copy({
      contactId: "c2",
      dueDate: "2027-01-31",
      total: "230.00",
      lines: [{ description: "Frame", quantity: "2.0000", unitAmount: "100.0000", lineAmount: "200.00" }],
    });
    expect(documentDrift(sent, edited).map((d) => d.field)).toEqual([
      "Contact",
      "Due date",
      "Total",
      "Line 1 quantity",
      "Line 1 amount",
    ]);
  });

  it("counts lines added or removed, and a status moved back", () => {
    expect(documentDrift(sent, copy({ lines: [] }))).toContainEqual({
      field: "Lines",
      factory: "1",
      xero: "0",
    });
    expect(documentDrift(sent, copy({ status: "DRAFT" }))).toContainEqual({
      field: "Status",
      factory: "AUTHORISED",
      xero: "DRAFT",
    });
  });
});

describe("documentDrift of quotes and purchase orders", () => {
  const quote = (status: string, dueDate = "2026-12-25") =>
    copy({ status, dueDate, amountPaid: null, amountDue: null, amountCredited: null });

  it("lets Xero move a quote or purchase order forward (accepted, invoiced, billed) without drift", () => {
    const draft = snapshotOf(quote("DRAFT"));
    for (const status of ["SENT", "ACCEPTED", "DECLINED", "INVOICED"])
      expect(documentDrift(draft, quote(status), "quote")).toEqual([]);
    expect(documentDrift(snapshotOf(quote("DRAFT")), quote("BILLED"), "purchase_order")).toEqual([]);
  });

  it("names a status moved back, and a quote Factory sent accepted that Xero holds declined", () => {
    expect(documentDrift(snapshotOf(quote("SENT")), quote("DRAFT"), "quote")).toEqual([
      { field: "Status", factory: "SENT", xero: "DRAFT" },
    ]);
    expect(documentDrift(snapshotOf(quote("ACCEPTED")), quote("DECLINED"), "quote")).toEqual([
      { field: "Status", factory: "ACCEPTED", xero: "DECLINED" },
    ]);
    // An ended copy is told by its status on the card, not as a difference.
    expect(documentDrift(snapshotOf(quote("DRAFT")), quote("DELETED"), "quote")).toEqual([]);
  });

  it("calls the second date by its name: a quote's expiry, a purchase order's delivery", () => {
    const sentQuote = snapshotOf(quote("DRAFT"));
    expect(documentDrift(sentQuote, quote("DRAFT", "2027-01-15"), "quote")[0]?.field).toBe("Expiry date");
    expect(documentDrift(sentQuote, quote("DRAFT", "2027-01-15"), "purchase_order")[0]?.field).toBe(
      "Delivery date",
    );
    expect(documentDrift(sentQuote, quote("DRAFT", "2027-01-15"), "invoice")[0]?.field).toBe("Due date");
  });
});

describe("driftToStore", () => {
  it("leaves drift alone without a snapshot, clears it when Xero agrees again", () => {
    expect(driftToStore(null, copy(), null)).toBeUndefined();
    expect(driftToStore(sent, copy(), null)).toBeNull();
  });

  it("stays quiet for differences staff accepted, and speaks again when Xero changes anew", () => {
    const edited = copy({ dueDate: "2027-01-31" });
    const accepted = documentDrift(sent, edited);
    expect(driftToStore(sent, edited, accepted)).toBeNull();
    expect(driftToStore(sent, copy({ dueDate: "2027-02-28" }), accepted)).toHaveLength(1);
  });
});

describe("driftForDisplay", () => {
  const nbsp = (text: string) => text.replace(/\u00a0/g, " ");
  const shown = (differences: Parameters<typeof driftForDisplay>[0], names = new Map<string, string>()) =>
    driftForDisplay(differences, "AUD", names).map(
      (d) => `${d.field}: ${nbsp(d.factory ?? "")} → ${nbsp(d.xero ?? "")}`,
    );

  it("reads each field in its own form: quantities plain, money in the document's currency, days as dates", () => {
    const edited = copy({
      contactId: "c2",
      dueDate: "2027-01-31",
      total: "1230.00",
      lines: [{ description: "Frame", quantity: "12.5000", unitAmount: "98.4000", lineAmount: "1230.00" }],
    });
    expect(shown(documentDrift(sent, edited), new Map([["c1", "Ōtautahi Steel"]]))).toEqual([
      "Contact: Ōtautahi Steel → a contact Factory doesn't link (c2)",
      "Due date: 20 Dec 2026 → 31 Jan 2027",
      "Total: AUD 115.00 → AUD 1,230.00",
      "Line 1 quantity: 1 → 12.5",
      "Line 1 unit price: AUD 100.00 → AUD 98.40",
      "Line 1 amount: AUD 100.00 → AUD 1,230.00",
    ]);
  });

  it("keeps a unit price's four places, so prices that differ never read the same", () => {
    const edited = copy({
      lines: [{ description: "Frame", quantity: "1.0000", unitAmount: "100.0050", lineAmount: "100.00" }],
    });
    expect(shown(documentDrift(sent, edited))).toEqual(["Line 1 unit price: AUD 100.00 → AUD 100.005"]);
  });

  it("says nothing for a value one side lacks, and leaves statuses and counts as they are", () => {
    expect(
      shown([
        { field: "Delivery date", factory: null, xero: "2027-01-15" },
        { field: "Status", factory: "AUTHORISED", xero: "DRAFT" },
        { field: "Lines", factory: "1", xero: "0" },
      ]),
    ).toEqual(["Delivery date: nothing → 15 Jan 2027", "Status: AUTHORISED → DRAFT", "Lines: 1 → 0"]);
  });
});
