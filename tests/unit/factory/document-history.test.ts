import { describe, expect, it } from "vitest";
import type { AuditEvent, SyncLogEntry } from "@/lib/db/schema";
import { changeDetails, documentHistory } from "@/lib/factory/document-history";
import { changedFields } from "@/lib/factory/order-documents";

const at = (minute: number) => new Date(`2026-11-25T10:${String(minute).padStart(2, "0")}:00Z`);

function audit(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: "a",
    at: at(0),
    userId: "user-1",
    entityType: "invoice",
    entityId: "inv",
    action: "invoice_generated",
    before: null,
    after: null,
    ...overrides,
  };
}

function logEntry(overrides: Partial<SyncLogEntry>): SyncLogEntry {
  return {
    id: "l",
    at: at(1),
    recordType: "invoice",
    recordId: "inv",
    recordNumber: "SI-00003",
    operation: "create",
    outcome: "success",
    durationMs: 120,
    message: "Xero number INV-0007",
    attempt: 0,
    httpStatus: null,
    xeroId: null,
    ...overrides,
  };
}

describe("what an edit changed", () => {
  it("keeps only the fields whose values differ, with both values", () => {
    expect(
      changedFields(
        { dueDate: "2026-12-20", reference: null, notes: "kept", "line 1": "Laser cutting" },
        { dueDate: "2027-01-10", reference: "PO 7781", notes: "kept", "line 1": "Laser cutting" },
      ),
    ).toEqual({
      before: { dueDate: "2026-12-20", reference: null },
      after: { dueDate: "2027-01-10", reference: "PO 7781" },
    });
    expect(changedFields({ notes: null }, { notes: null })).toEqual({ before: {}, after: {} });
  });

  it("reads as one line per field, lines and empty values in words", () => {
    expect(
      changeDetails(
        { dueDate: "2026-12-20", reference: null, "line 2": "Laser cutting" },
        { dueDate: "2027-01-10", reference: "PO 7781", "line 2": "Laser cutting, 3 mm" },
      ),
    ).toEqual([
      "Due date: “2026-12-20” → “2027-01-10”",
      "Reference: (empty) → “PO 7781”",
      "Line 2: “Laser cutting” → “Laser cutting, 3 mm”",
    ]);
    expect(changeDetails(null, null)).toEqual([]);
  });
});

describe("a document's history", () => {
  it("merges Factory's changes and Xero's answers, newest first, naming who and where from", () => {
    const history = documentHistory(
      [
        audit({ id: "made", at: at(0) }),
        audit({
          id: "edit",
          at: at(5),
          action: "updated",
          userId: "gone",
          before: { dueDate: "2026-12-20" },
          after: { dueDate: "2027-01-10" },
        }),
      ],
      [
        logEntry({ id: "sent", at: at(1) }),
        logEntry({
          id: "refused",
          at: at(6),
          operation: "update",
          outcome: "locked",
          message: "This document cannot be edited as it has a payment or credit note allocated to it.",
        }),
      ],
      new Map([["user-1", "Ana Smith"]]),
      "from sales order SO-00012",
    );
    expect(history.map(({ title, details, tone }) => ({ title, details, tone }))).toEqual([
      {
        title: "Locked in Xero (update)",
        details: ["This document cannot be edited as it has a payment or credit note allocated to it."],
        tone: "neutral",
      },
      {
        title: "Edited by a former user",
        details: ["Due date: “2026-12-20” → “2027-01-10”"],
        tone: "neutral",
      },
      { title: "Sent to Xero (create)", details: ["Xero number INV-0007"], tone: "success" },
      { title: "Generated from sales order SO-00012 by Ana Smith", details: [], tone: "neutral" },
    ]);
  });
});

describe("what people got out of Xero", () => {
  it("says who downloaded the PDF, copied the link, emailed it, and why Xero refused an email", () => {
    const names = new Map([["user-1", "Ana Smith"]]);
    const entries = documentHistory(
      [
        audit({ id: "p", at: at(1), action: "xero_pdf_downloaded", after: { file: "INV-0007.pdf" } }),
        audit({
          id: "o",
          at: at(2),
          action: "xero_online_link_copied",
          after: { url: "https://in.example/abc" },
        }),
        audit({ id: "e", at: at(3), action: "xero_emailed", after: { number: "INV-0007" } }),
        audit({
          id: "r",
          at: at(4),
          action: "xero_email_refused",
          after: { reason: "The contact has no email address." },
        }),
      ],
      [],
      names,
    );
    expect(entries.map(({ title, details, tone }) => ({ title, details, tone }))).toEqual([
      {
        title: "Xero did not email it by Ana Smith",
        details: ["The contact has no email address."],
        tone: "danger",
      },
      {
        title: "Emailed from Xero by Ana Smith",
        details: ["Xero sent it to the customer's email address in Xero."],
        tone: "success",
      },
      {
        title: "Online invoice link copied by Ana Smith",
        details: ["https://in.example/abc"],
        tone: "neutral",
      },
      { title: "PDF downloaded from Xero by Ana Smith", details: [], tone: "neutral" },
    ]);
  });
});

describe("what Factory took from Xero", () => {
  it("says an invoice Xero holds as paid was paid in Xero, by no one in Factory, with Xero's paid date", () => {
    const [entry] = documentHistory(
      [audit({ action: "xero_paid", userId: null, after: { paidOn: "2026-12-03" } })],
      [],
      new Map(),
    );
    expect(entry).toMatchObject({
      title: "Paid in Xero",
      details: ["Fully paid on 3 Dec 2026, as Xero records it."],
      tone: "success",
    });
  });
});
