import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreditNote,
  Invoice,
  LineAmountTypes,
  type CreditNote as CreditNoteModel,
  type Invoice as InvoiceModel,
} from "xero-node";
import { sdkError } from "./harness";
import { openAccountingSession, type AccountingSession } from "./session";

/**
 * Credit notes as Xero holds them (developer.xero.com/documentation/api/accounting/creditnotes;
 * xero-api.md §8): PUT /CreditNotes with Type ACCRECCREDIT or ACCPAYCREDIT, totals worked out as on
 * invoices, ACCRECCREDIT numbered CN-…, RemainingCredit; PUT /CreditNotes/{id}/Allocations (spec
 * :6420) takes the amount off the invoice's AmountDue (AmountCredited) and the credit's
 * RemainingCredit, and is refused beyond either. Written so it holds for a real demo company too.
 */
let s: AccountingSession;
let t: string;
const run = Date.now().toString(36);
const api = () => s.client.accountingApi;

beforeAll(async () => {
  s = await openAccountingSession();
  t = s.tenantId;
});
afterAll(() => s.close());

async function newContact(name: string): Promise<string> {
  const created = await api().createContacts(t, { contacts: [{ name: `${name} ${run}` }] });
  const id = created.body.contacts?.[0]?.contactID;
  if (!id) throw new Error("contact not created");
  return id;
}

async function authorisedInvoice(contactID: string, type = Invoice.TypeEnum.ACCREC): Promise<InvoiceModel> {
  const created = await api().createInvoices(t, {
    invoices: [
      {
        type,
        contact: { contactID },
        date: "2026-11-20",
        dueDate: "2026-12-20",
        status: Invoice.StatusEnum.AUTHORISED,
        lineAmountTypes: LineAmountTypes.Exclusive,
        ...(type === Invoice.TypeEnum.ACCPAY ? { invoiceNumber: `SUP-${run}` } : {}),
        lineItems: [
          {
            description: "Brackets",
            quantity: 4,
            unitAmount: 25,
            accountCode: type === Invoice.TypeEnum.ACCPAY ? "300" : "200",
            taxType: type === Invoice.TypeEnum.ACCPAY ? "INPUT2" : "OUTPUT2",
          },
        ],
      },
    ],
  });
  const invoice = created.body.invoices?.[0];
  if (!invoice?.invoiceID) throw new Error("invoice not created");
  return invoice;
}

function credit(contactID: string, quantity: number, extra: Partial<CreditNoteModel> = {}): CreditNoteModel {
  return {
    type: CreditNote.TypeEnum.ACCRECCREDIT,
    contact: { contactID },
    date: "2026-11-21",
    status: CreditNote.StatusEnum.AUTHORISED,
    lineAmountTypes: LineAmountTypes.Exclusive,
    reference: `Return ${run}`,
    lineItems: [
      { description: "Brackets returned", quantity, unitAmount: 25, accountCode: "200", taxType: "OUTPUT2" },
    ],
    ...extra,
  };
}

async function createCredit(note: CreditNoteModel): Promise<CreditNoteModel> {
  const created = await api().createCreditNotes(t, { creditNotes: [note] }, false, 4);
  const made = created.body.creditNotes?.[0];
  if (!made?.creditNoteID) throw new Error(JSON.stringify(made?.validationErrors));
  return made;
}

const allocationMessages = async (promise: Promise<unknown>) => {
  const error = await sdkError(promise);
  expect(error.response.statusCode).toBe(400);
  const body = error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] };
  return body.Elements.flatMap((e) => e.ValidationErrors.map((v) => v.Message));
};

describe("credit notes", () => {
  it("creates an ACCRECCREDIT with invoice arithmetic, a CN- number and all of its total as RemainingCredit", async () => {
    const customer = await newContact("Credit Customer");
    const made = await createCredit(credit(customer, 2));
    expect(String(made.type)).toBe("ACCRECCREDIT");
    expect(made.creditNoteNumber).toMatch(/^CN-\d{4,}$/);
    // 2 × 25 = 50 + 15 % GST (per line, 2 dp) = 57.50, as an invoice of the same lines.
    expect(made.subTotal).toBe(50);
    expect(made.totalTax).toBe(7.5);
    expect(made.total).toBe(57.5);
    expect(made.remainingCredit).toBe(57.5);
    expect(made.reference).toBe(`Return ${run}`);
    const read = await api().getCreditNote(t, made.creditNoteID ?? "");
    expect(read.body.creditNotes?.[0]?.creditNoteNumber).toBe(made.creditNoteNumber);
  });

  it("refuses a credit note whose Type is not a credit note type (spec enum ACCPAYCREDIT | ACCRECCREDIT)", async () => {
    const customer = await newContact("Credit Bad Type");
    const error = await sdkError(
      api().createCreditNotes(
        t,
        { creditNotes: [credit(customer, 1, { type: "ACCREC" as unknown as CreditNote.TypeEnum })] },
        false,
      ),
    );
    expect(error.response.statusCode).toBe(400);
  });

  it("allocates to the invoice: AmountDue and RemainingCredit go down, AmountCredited up", async () => {
    const customer = await newContact("Credit Allocation");
    const invoice = await authorisedInvoice(customer);
    expect(invoice.amountDue).toBe(115);
    const made = await createCredit(credit(customer, 1));
    await api().createCreditNoteAllocation(t, made.creditNoteID ?? "", {
      allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 28.75, date: "2026-11-21" }],
    });
    const after = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
    expect(after?.amountDue).toBe(86.25);
    expect(after?.amountCredited).toBe(28.75);
    expect(String(after?.status)).toBe("AUTHORISED");
    const note = (await api().getCreditNote(t, made.creditNoteID ?? "")).body.creditNotes?.[0];
    expect(note?.remainingCredit).toBe(0);
    expect(String(note?.status)).toBe("PAID");
    expect(note?.allocations?.[0]?.amount).toBe(28.75);
  });

  it("refuses an allocation beyond the invoice's AmountDue or the credit's RemainingCredit (docs)", async () => {
    const customer = await newContact("Credit Too Much");
    const invoice = await authorisedInvoice(customer);
    const big = await createCredit(credit(customer, 8)); // 230.00 of credit against 115.00 due
    const beyondDue = await allocationMessages(
      api().createCreditNoteAllocation(t, big.creditNoteID ?? "", {
        allocations: [
          { invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 115.01, date: "2026-11-21" },
        ],
      }),
    );
    expect(beyondDue.join(" ")).toMatch(/amount due/i);
    const small = await createCredit(credit(customer, 1)); // 28.75
    const beyondCredit = await allocationMessages(
      api().createCreditNoteAllocation(t, small.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 30, date: "2026-11-21" }],
      }),
    );
    expect(beyondCredit.join(" ")).toMatch(/remaining credit/i);
    const untouched = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
    expect(untouched?.amountDue).toBe(115);
  });

  it("marks the invoice PAID when a credit leaves nothing due", async () => {
    const customer = await newContact("Credit Pays");
    const invoice = await authorisedInvoice(customer);
    const whole = await createCredit(credit(customer, 4)); // 115.00
    await api().createCreditNoteAllocation(t, whole.creditNoteID ?? "", {
      allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 115, date: "2026-11-21" }],
    });
    const after = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
    expect(after?.amountDue).toBe(0);
    expect(String(after?.status)).toBe("PAID");
  });

  it("allocates an ACCPAYCREDIT only to a bill, and drops Reference from it", async () => {
    const supplier = await newContact("Credit Supplier");
    const bill = await authorisedInvoice(supplier, Invoice.TypeEnum.ACCPAY);
    const sale = await authorisedInvoice(supplier);
    const made = await createCredit(
      credit(supplier, 1, {
        type: CreditNote.TypeEnum.ACCPAYCREDIT,
        creditNoteNumber: `SUP-CN-${run}`,
        lineItems: [
          { description: "Returned", quantity: 1, unitAmount: 25, accountCode: "300", taxType: "INPUT2" },
        ],
      }),
    );
    expect(made.creditNoteNumber).toBe(`SUP-CN-${run}`);
    expect(made.reference ?? "").toBe("");
    const wrongSide = await allocationMessages(
      api().createCreditNoteAllocation(t, made.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: sale.invoiceID ?? "" }, amount: 10, date: "2026-11-21" }],
      }),
    );
    expect(wrongSide.join(" ")).toMatch(/ACCPAY/);
    await api().createCreditNoteAllocation(t, made.creditNoteID ?? "", {
      allocations: [{ invoice: { invoiceID: bill.invoiceID ?? "" }, amount: 28.75, date: "2026-11-21" }],
    });
    const after = (await api().getInvoice(t, bill.invoiceID ?? "")).body.invoices?.[0];
    expect(after?.amountDue).toBe(86.25);
  });

  it("refuses to allocate a DRAFT credit note", async () => {
    const customer = await newContact("Credit Draft");
    const invoice = await authorisedInvoice(customer);
    const draft = await createCredit(credit(customer, 1, { status: CreditNote.StatusEnum.DRAFT }));
    const messages = await allocationMessages(
      api().createCreditNoteAllocation(t, draft.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 10, date: "2026-11-21" }],
      }),
    );
    expect(messages.join(" ")).toMatch(/AUTHORISED/);
  });

  describe("voiding, and removing an allocation first", () => {
    // Xero voids an approved credit note only while nothing is allocated of it, and deletes a draft
    // (developer.xero.com/documentation/api/accounting/creditnotes: "void approved credit notes";
    // community.xero.com/developer/discussion/51384327: an allocated, PAID one can't be voided). An
    // allocation is removed with DELETE /CreditNotes/{id}/Allocations/{AllocationID} (spec :6548).
    const setStatus = (id: string, status: CreditNote.StatusEnum) =>
      api().updateCreditNote(t, id, { creditNotes: [{ status }] });
    const statusOf = async (id: string) =>
      String((await api().getCreditNote(t, id)).body.creditNotes?.[0]?.status);

    it("voids an AUTHORISED credit note with nothing allocated, and deletes a DRAFT one", async () => {
      const customer = await newContact("Credit Void");
      const approved = await createCredit(credit(customer, 1));
      await setStatus(approved.creditNoteID ?? "", CreditNote.StatusEnum.VOIDED);
      expect(await statusOf(approved.creditNoteID ?? "")).toBe("VOIDED");
      const draft = await createCredit(credit(customer, 1, { status: CreditNote.StatusEnum.DRAFT }));
      const voidDraft = await sdkError(setStatus(draft.creditNoteID ?? "", CreditNote.StatusEnum.VOIDED));
      expect(voidDraft.response.statusCode).toBe(400);
      await setStatus(draft.creditNoteID ?? "", CreditNote.StatusEnum.DELETED);
      const deleted = await api().getCreditNotes(t, undefined, `CreditNoteID==Guid("${draft.creditNoteID}")`);
      expect(deleted.body.creditNotes ?? []).toHaveLength(0);
    });

    it("refuses voiding an allocated credit note, part or all of it, and changes nothing", async () => {
      const customer = await newContact("Credit Void Allocated");
      const invoice = await authorisedInvoice(customer);
      const part = await createCredit(credit(customer, 2)); // 57.50, 20.00 of it allocated
      await api().createCreditNoteAllocation(t, part.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 20, date: "2026-11-21" }],
      });
      const partError = await sdkError(setStatus(part.creditNoteID ?? "", CreditNote.StatusEnum.VOIDED));
      expect(partError.response.statusCode).toBe(400);
      expect(JSON.stringify(partError.response.body)).toMatch(/credit note allocated/);
      expect(await statusOf(part.creditNoteID ?? "")).toBe("AUTHORISED");
      const whole = await createCredit(credit(customer, 1)); // 28.75, all allocated: PAID
      await api().createCreditNoteAllocation(t, whole.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 28.75, date: "2026-11-21" }],
      });
      const wholeError = await sdkError(setStatus(whole.creditNoteID ?? "", CreditNote.StatusEnum.VOIDED));
      expect(wholeError.response.statusCode).toBe(400);
      expect(await statusOf(whole.creditNoteID ?? "")).toBe("PAID");
      const after = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
      expect(after?.amountCredited).toBe(48.75);
      expect(after?.amountDue).toBe(66.25);
    });

    it("removing the allocation gives the invoice its amount due back and the credit note its credit; then it voids", async () => {
      const customer = await newContact("Credit Unallocate");
      const invoice = await authorisedInvoice(customer);
      const whole = await createCredit(credit(customer, 4)); // 115.00: the invoice becomes PAID
      await api().createCreditNoteAllocation(t, whole.creditNoteID ?? "", {
        allocations: [{ invoice: { invoiceID: invoice.invoiceID ?? "" }, amount: 115, date: "2026-11-21" }],
      });
      const held = (await api().getCreditNote(t, whole.creditNoteID ?? "")).body.creditNotes?.[0];
      expect(String(held?.status)).toBe("PAID");
      const allocationId = held?.allocations?.[0]?.allocationID ?? "";
      expect(allocationId).not.toBe("");
      const removed = await api().deleteCreditNoteAllocations(t, whole.creditNoteID ?? "", allocationId);
      expect(removed.body.isDeleted).toBe(true);
      const invoiceAfter = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
      expect(invoiceAfter?.amountDue).toBe(115);
      expect(invoiceAfter?.amountCredited).toBe(0);
      expect(String(invoiceAfter?.status)).toBe("AUTHORISED");
      const noteAfter = (await api().getCreditNote(t, whole.creditNoteID ?? "")).body.creditNotes?.[0];
      expect(String(noteAfter?.status)).toBe("AUTHORISED");
      expect(noteAfter?.remainingCredit).toBe(115);
      expect(noteAfter?.allocations ?? []).toHaveLength(0);
      // Removed once: a second DELETE finds no such allocation.
      const again = await sdkError(
        api().deleteCreditNoteAllocations(t, whole.creditNoteID ?? "", allocationId),
      );
      expect(again.response.statusCode).toBe(404);
      await setStatus(whole.creditNoteID ?? "", CreditNote.StatusEnum.VOIDED);
      expect(await statusOf(whole.creditNoteID ?? "")).toBe("VOIDED");
      const voided = (await api().getCreditNote(t, whole.creditNoteID ?? "")).body.creditNotes?.[0];
      expect(voided?.remainingCredit).toBe(0);
    });
  });
});
