import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Address,
  Contact,
  Invoice,
  LineAmountTypes,
  Phone,
  PurchaseOrder,
  QuoteLineAmountTypes,
  QuoteStatusCodes,
  type Contacts,
  type Invoices,
} from "xero-node";
import { sdkError } from "./harness";
import { openAccountingSession, type AccountingSession } from "./session";

/**
 * The accounting contract: every endpoint the app uses, through xero-node, with assertions that
 * hold for real Xero too (run it against a demo company as xero-sim/README.md explains).
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

async function newContact(name: string, extra: Partial<Contact> = {}): Promise<Contact> {
  const created = await api().createContacts(t, { contacts: [{ name: `${name} ${run}`, ...extra }] });
  const contact = created.body.contacts?.[0];
  if (!contact?.contactID) throw new Error("contact not created");
  return contact;
}

function salesInvoice(contactID: string, extra: Partial<Invoice> = {}): Invoice {
  return {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID },
    date: "2026-11-20",
    dueDate: "2026-12-20",
    lineAmountTypes: LineAmountTypes.Exclusive,
    lineItems: [
      {
        description: "Laser cutting",
        quantity: 3,
        unitAmount: 10.335,
        accountCode: "200",
        taxType: "OUTPUT2",
      },
    ],
    ...extra,
  };
}

describe("reference data", () => {
  it("returns the organisation with its short code and base currency", async () => {
    const org = (await api().getOrganisations(t)).body.organisations?.[0];
    expect(org?.shortCode).toMatch(/^!/);
    expect(org?.baseCurrency).toBeTruthy();
    expect(org?.createdDateUTC).toBeInstanceOf(Date);
  });

  it("lists accounts with system accounts, tax rates with their rates, and currencies", async () => {
    const accounts = (await api().getAccounts(t)).body.accounts ?? [];
    expect(accounts.some((a) => String(a.systemAccount) === "DEBTORS")).toBe(true);
    expect(accounts.some((a) => String(a.systemAccount) === "CREDITORS")).toBe(true);
    expect(accounts.find((a) => a.code === "200")?.type).toBeTruthy();
    const rates = (await api().getTaxRates(t)).body.taxRates ?? [];
    expect(rates.find((r) => r.taxType === "OUTPUT2")?.effectiveRate).toBeGreaterThan(0);
    const currencies = (await api().getCurrencies(t)).body.currencies ?? [];
    expect(currencies.length).toBeGreaterThan(0);
    const where = (await api().getAccounts(t, undefined, 'Code=="200"')).body.accounts ?? [];
    expect(where.map((a) => a.code)).toEqual(["200"]);
  });
});

describe("contacts", () => {
  it("creates single and batch contacts and reads them back by id, number and IDs list", async () => {
    const one = await newContact("Single Co", {
      contactNumber: `SC-${run}`,
      emailAddress: `single-${run}@example.com`,
    });
    expect(one.contactStatus).toBe(Contact.ContactStatusEnum.ACTIVE);
    expect(one.updatedDateUTC).toBeInstanceOf(Date);
    const batch = await api().createContacts(t, {
      contacts: [{ name: `Batch A ${run}` }, { name: `Batch B ${run}` }],
    });
    const ids = (batch.body.contacts ?? []).map((c) => c.contactID ?? "");
    expect(ids).toHaveLength(2);
    const byId = await api().getContact(t, one.contactID ?? "");
    expect(byId.body.contacts?.[0]?.name).toBe(`Single Co ${run}`);
    const byNumber = await api().getContactByContactNumber(t, `SC-${run}`);
    expect(byNumber.body.contacts?.[0]?.contactID).toBe(one.contactID);
    const listed = await api().getContacts(t, undefined, undefined, undefined, ids);
    expect((listed.body.contacts ?? []).map((c) => c.name).sort()).toEqual([
      `Batch A ${run}`,
      `Batch B ${run}`,
    ]);
  });

  it("updates with POST (by ContactID in the body and by path) and bumps UpdatedDateUTC", async () => {
    const c = await newContact("Update Me");
    const before = c.updatedDateUTC as unknown as Date;
    const viaBody = await api().updateOrCreateContacts(t, {
      contacts: [{ contactID: c.contactID, emailAddress: `upd-${run}@example.com` }],
    });
    expect(viaBody.body.contacts?.[0]).toMatchObject({
      name: `Update Me ${run}`,
      emailAddress: `upd-${run}@example.com`,
    });
    const viaPath = await api().updateContact(t, c.contactID ?? "", { contacts: [{ firstName: "Ana" }] });
    const updated = viaPath.body.contacts?.[0];
    expect(updated?.firstName).toBe("Ana");
    expect(updated?.emailAddress).toBe(`upd-${run}@example.com`);
    expect((updated?.updatedDateUTC as unknown as Date).getTime()).toBeGreaterThanOrEqual(before.getTime());
  });

  it("changes only what an update names: phones and addresses by type, field by field; an empty string clears", async () => {
    // Xero: "If you exclude an element then the existing value of that field will be preserved …
    // the existing phone numbers will be preserved as they were not specified"
    // (developer.xero.com/documentation/api/accounting/contacts, quoted in calcinai/xero-php#171);
    // a phone is cleared by sending its type with empty fields (calcinai/xero-php#736).
    const c = await newContact("Partial Update", {
      emailAddress: `partial-${run}@example.com`,
      accountNumber: "ACC-1",
      phones: [
        { phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: "555 0100", phoneAreaCode: "09" },
        { phoneType: Phone.PhoneTypeEnum.MOBILE, phoneNumber: "021 555 0101" },
        { phoneType: Phone.PhoneTypeEnum.FAX, phoneNumber: "555 0102", phoneAreaCode: "09" },
      ],
      addresses: [
        { addressType: Address.AddressTypeEnum.POBOX, addressLine1: "PO Box 1", city: "Auckland" },
        { addressType: Address.AddressTypeEnum.STREET, addressLine1: "1 Quay St", city: "Auckland" },
      ],
    });
    const id = c.contactID ?? "";
    const phone = (contact: Contact | undefined, type: Phone.PhoneTypeEnum) =>
      contact?.phones?.find((p) => p.phoneType === type);
    const address = (contact: Contact | undefined, type: Address.AddressTypeEnum) =>
      contact?.addresses?.find((a) => a.addressType === type);

    // One phone type sent, one field of it: the other types and the other fields stay.
    await api().updateContact(t, id, {
      contacts: [{ phones: [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: "555 0199" }] }],
    });
    let now = (await api().getContact(t, id)).body.contacts?.[0];
    expect(phone(now, Phone.PhoneTypeEnum.DEFAULT)).toMatchObject({
      phoneNumber: "555 0199",
      phoneAreaCode: "09",
    });
    expect(phone(now, Phone.PhoneTypeEnum.MOBILE)).toMatchObject({ phoneNumber: "021 555 0101" });
    expect(phone(now, Phone.PhoneTypeEnum.FAX)).toMatchObject({
      phoneNumber: "555 0102",
      phoneAreaCode: "09",
    });
    expect(now).toMatchObject({ emailAddress: `partial-${run}@example.com`, accountNumber: "ACC-1" });
    expect(address(now, Address.AddressTypeEnum.STREET)).toMatchObject({ addressLine1: "1 Quay St" });

    // An empty string clears that field of that type only.
    await api().updateContact(t, id, {
      contacts: [
        {
          phones: [{ phoneType: Phone.PhoneTypeEnum.MOBILE, phoneNumber: "" }],
          addresses: [{ addressType: Address.AddressTypeEnum.POBOX, city: "Wellington" }],
        },
      ],
    });
    now = (await api().getContact(t, id)).body.contacts?.[0];
    expect(phone(now, Phone.PhoneTypeEnum.MOBILE)?.phoneNumber ?? "").toBe("");
    expect(phone(now, Phone.PhoneTypeEnum.DEFAULT)?.phoneNumber).toBe("555 0199");
    expect(phone(now, Phone.PhoneTypeEnum.FAX)?.phoneNumber).toBe("555 0102");
    expect(address(now, Address.AddressTypeEnum.POBOX)).toMatchObject({
      addressLine1: "PO Box 1",
      city: "Wellington",
    });
    expect(address(now, Address.AddressTypeEnum.STREET)).toMatchObject({
      addressLine1: "1 Quay St",
      city: "Auckland",
    });
  });

  it("refuses a second active contact with the same name, with Xero's message", async () => {
    await newContact("Unique Name");
    const error = await sdkError(api().createContacts(t, { contacts: [{ name: `unique name ${run}` }] }));
    expect(error.response.statusCode).toBe(400);
    const body = error.response.body as {
      Type: string;
      Elements: { ValidationErrors: { Message: string }[] }[];
    };
    expect(body.Type).toBe("ValidationException");
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).toContain(
      "is already assigned to another contact",
    );
  });

  it("pages, filters with where, searches, summarises and hides archived ones unless asked", async () => {
    const archived = await newContact("Archived Filter", { emailAddress: `arch-${run}@example.com` });
    await api().updateContact(t, archived.contactID ?? "", {
      contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }],
    });
    const page = await api().getContacts(
      t,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      undefined,
      5,
    );
    expect(page.body.contacts).toHaveLength(5);
    expect(page.body.pagination).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.body.pagination?.itemCount).toBeGreaterThan(5);

    const search = (includeArchived?: boolean) =>
      api().getContacts(
        t,
        undefined,
        undefined,
        undefined,
        undefined,
        1,
        includeArchived,
        undefined,
        `arch-${run}`,
      );
    expect((await search()).body.contacts ?? []).toHaveLength(0);
    expect((await search(true)).body.contacts?.[0]?.contactStatus).toBe(Contact.ContactStatusEnum.ARCHIVED);

    const where = await api().getContacts(
      t,
      undefined,
      `EmailAddress=="arch-${run}@example.com"`,
      undefined,
      undefined,
      1,
      true,
    );
    expect(where.body.contacts?.map((c) => c.contactID)).toEqual([archived.contactID]);

    const summary = await api().getContacts(
      t,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      true,
    );
    expect(summary.body.contacts?.[0]?.addresses).toBeUndefined();
    expect(summary.body.contacts?.[0]?.name).toBeTruthy();
  });

  it("returns only contacts changed after If-Modified-Since", async () => {
    const since = new Date(Date.now() - 1000);
    const fresh = await newContact("Modified Since");
    const changed = await api().getContacts(t, since, undefined, undefined, undefined, 1);
    const ids = (changed.body.contacts ?? []).map((c) => c.contactID);
    expect(ids).toContain(fresh.contactID);
    const all = await api().getContacts(
      t,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      undefined,
      1000,
    );
    expect(ids.length).toBeLessThan(all.body.contacts?.length ?? 0);
  });

  it("reports batch partial failures per element with summarizeErrors=false", async () => {
    const taken = await newContact("Taken Name");
    const payload: Contacts = {
      contacts: [{ name: `Batch OK ${run}` }, { name: taken.name }, { name: `Batch OK2 ${run}` }],
    };
    const result = await api().createContacts(t, payload, false);
    const [ok, failed, ok2] = result.body.contacts ?? [];
    expect(result.response.status).toBe(200);
    expect(ok).toMatchObject({ statusAttributeString: "OK", hasValidationErrors: false });
    expect(ok?.contactID).toBeTruthy();
    expect(failed).toMatchObject({ statusAttributeString: "ERROR", hasValidationErrors: true });
    expect(failed?.validationErrors?.[0]?.message).toContain("is already assigned to another contact");
    expect(ok2?.statusAttributeString).toBe("OK");
  });
});

describe("items", () => {
  it("creates items with unique codes and lists them without paging", async () => {
    const code = `ITM-${run}`.slice(0, 30);
    const created = await api().createItems(
      t,
      {
        items: [
          {
            code,
            name: "Bracket",
            salesDetails: { unitPrice: 12.3456, accountCode: "200", taxType: "OUTPUT2" },
          },
        ],
      },
      undefined,
      4,
    );
    expect(created.body.items?.[0]?.salesDetails?.unitPrice).toBe(12.3456);
    const duplicate = await sdkError(api().createItems(t, { items: [{ code, name: "Again" }] }));
    expect(duplicate.response.statusCode).toBe(400);
    const list = await api().getItems(t);
    expect(list.body.items?.some((i) => i.code === code)).toBe(true);
    expect((list.body as { pagination?: unknown }).pagination).toBeUndefined();
    const rounded = await api().getItems(t, undefined, `Code=="${code}"`);
    expect(rounded.body.items?.[0]?.salesDetails?.unitPrice).toBe(12.35);
  });

  // Item.Code maxLength 30 (xero_accounting.yaml Item.Code). Xero reads such a body and refuses the
  // element, so it is a ValidationException (ErrorNumber 10) naming the field, not a
  // PostDataInvalidException, which is for bodies Xero cannot read (docs/xero/api-behaviour.md).
  it("refuses a Code longer than 30 characters as a ValidationException on that element", async () => {
    const error = await sdkError(
      api().createItems(t, { items: [{ code: "X".repeat(31), name: "Too long" }] }),
    );
    expect(error.response.statusCode).toBe(400);
    const body = error.response.body as {
      ErrorNumber: number;
      Type: string;
      Elements: { ValidationErrors: { Message: string }[] }[];
    };
    expect(body).toMatchObject({ ErrorNumber: 10, Type: "ValidationException" });
    expect(body.Elements[0]?.ValidationErrors).toEqual([
      { Message: "Code must be no more than 30 characters long (31 given)." },
    ]);
  });

  it("refuses only the over-long element of a batch with summarizeErrors=false, in UTF-16 units", async () => {
    const code = `OK-${run}`;
    // Item.Name maxLength 50, counted in UTF-16 units as .NET does: 25 emoji (50 units) fit, 26 (52)
    // do not. The valid element is still created.
    const created = await api().createItems(
      t,
      {
        items: [
          { code, name: "🔩".repeat(25) },
          { code: `${code}-2`, name: "🔩".repeat(26) },
        ],
      },
      false,
    );
    const [ok, refused] = created.body.items ?? [];
    expect(ok?.statusAttributeString).toBe("OK");
    expect(refused?.statusAttributeString).toBe("ERROR");
    expect(refused?.validationErrors?.map((e) => e.message)).toEqual([
      "Name must be no more than 50 characters long (52 given).",
    ]);
  });
});

describe("quotes", () => {
  it("numbers quotes QU-…, takes UPPERCASE line amount types and computes totals", async () => {
    const customer = await newContact("Quote Customer");
    const created = await api().createQuotes(t, {
      quotes: [
        {
          contact: { contactID: customer.contactID },
          date: "2026-11-20",
          lineAmountTypes: QuoteLineAmountTypes.INCLUSIVE,
          lineItems: [
            { description: "Gate", quantity: 1, unitAmount: 115, accountCode: "200", taxType: "OUTPUT2" },
          ],
        },
      ],
    });
    const quote = created.body.quotes?.[0];
    expect(quote?.quoteNumber).toMatch(/^QU-\d{4,}$/);
    expect(quote?.status).toBe(QuoteStatusCodes.DRAFT);
    expect(String(quote?.lineAmountTypes)).toBe("INCLUSIVE");
    expect(quote?.total).toBe(115);
    expect((quote?.subTotal ?? 0) + (quote?.totalTax ?? 0)).toBeCloseTo(115, 2);
    const sent = await api().updateQuote(t, quote?.quoteID ?? "", {
      quotes: [
        { contact: { contactID: customer.contactID }, date: "2026-11-20", status: QuoteStatusCodes.SENT },
      ],
    });
    expect(sent.body.quotes?.[0]?.status).toBe(QuoteStatusCodes.SENT);
  });
});

describe("invoices and bills", () => {
  it("creates a sales invoice with a generated number and Xero's per-line tax rounding", async () => {
    const customer = await newContact("Invoice Customer");
    const created = await api().createInvoices(t, {
      invoices: [
        salesInvoice(customer.contactID ?? "", {
          lineItems: [
            { description: "A", quantity: 3, unitAmount: 10.335, accountCode: "200", taxType: "OUTPUT2" },
            { description: "B", quantity: 1, unitAmount: 0.07, accountCode: "200", taxType: "OUTPUT2" },
            { description: "Delivered Tuesday" },
          ],
        }),
      ],
    });
    const inv = created.body.invoices?.[0];
    expect(inv?.invoiceNumber).toMatch(/^INV-\d{4,}$/);
    expect(inv?.status).toBe(Invoice.StatusEnum.DRAFT);
    // 10.335 rounds to 10.34 first (2 dp unit amounts without unitdp=4), so the line is 31.02.
    expect(inv?.lineItems?.map((l) => l.lineAmount)).toEqual([31.02, 0.07, 0]);
    const lineTax = (inv?.lineItems ?? []).map((l) => l.taxAmount ?? 0);
    expect(inv?.totalTax).toBeCloseTo(
      lineTax.reduce((a, b) => a + b, 0),
      2,
    );
    expect(inv?.total).toBeCloseTo((inv?.subTotal ?? 0) + (inv?.totalTax ?? 0), 2);
    expect(inv?.amountDue).toBe(inv?.total);
    expect(inv?.date).toBeInstanceOf(Date);
  });

  it("keeps sales invoice numbers unique and skips numbers a client already used", async () => {
    const customer = await newContact("Number Customer");
    const id = customer.contactID ?? "";
    const mine = `MAN-${run}`;
    await api().createInvoices(t, { invoices: [salesInvoice(id, { invoiceNumber: mine })] });
    const error = await sdkError(
      api().createInvoices(t, { invoices: [salesInvoice(id, { invoiceNumber: mine })] }),
    );
    const body = error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] };
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).toBe("Invoice # must be unique.");
    const [a, b] =
      (await api().createInvoices(t, { invoices: [salesInvoice(id), salesInvoice(id)] })).body.invoices ?? [];
    const n = (inv?: Invoice) => Number(inv?.invoiceNumber?.replace(/^INV-/, ""));
    expect(n(b)).toBe(n(a) + 1);
  });

  it("keeps four decimals on unit amounts with unitdp=4", async () => {
    const customer = await newContact("Unitdp Customer");
    const invoice = salesInvoice(customer.contactID ?? "", {
      lineItems: [
        { description: "Bolts", quantity: 100, unitAmount: 0.1234, accountCode: "200", taxType: "OUTPUT2" },
      ],
    });
    const four = (await api().createInvoices(t, { invoices: [invoice] }, undefined, 4)).body.invoices?.[0];
    expect(four?.lineItems?.[0]?.unitAmount).toBe(0.1234);
    expect(four?.lineItems?.[0]?.lineAmount).toBe(12.34);
    const two = (await api().createInvoices(t, { invoices: [invoice] })).body.invoices?.[0];
    expect(two?.lineItems?.[0]?.unitAmount).toBe(0.12);
    expect(two?.lineItems?.[0]?.lineAmount).toBe(12);
  });

  it("moves DRAFT → SUBMITTED → AUTHORISED → VOIDED and then refuses edits", async () => {
    const customer = await newContact("Flow Customer");
    const inv = (await api().createInvoices(t, { invoices: [salesInvoice(customer.contactID ?? "")] })).body
      .invoices?.[0];
    const id = inv?.invoiceID ?? "";
    for (const status of [
      Invoice.StatusEnum.SUBMITTED,
      Invoice.StatusEnum.AUTHORISED,
      Invoice.StatusEnum.VOIDED,
    ]) {
      const updated = await api().updateInvoice(t, id, { invoices: [{ status }] });
      expect(updated.body.invoices?.[0]?.status).toBe(status);
    }
    const error = await sdkError(api().updateInvoice(t, id, { invoices: [{ reference: "too late" }] }));
    expect(error.response.statusCode).toBe(400);
    const body = error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] };
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).toMatch(
      /not of valid status for modification|cannot be edited/,
    );
  });

  it("deletes a draft but will not delete an authorised invoice", async () => {
    const customer = await newContact("Delete Customer");
    const [draft, approved] =
      (
        await api().createInvoices(t, {
          invoices: [
            salesInvoice(customer.contactID ?? ""),
            salesInvoice(customer.contactID ?? "", { status: Invoice.StatusEnum.AUTHORISED }),
          ],
        })
      ).body.invoices ?? [];
    const deleted = await api().updateInvoice(t, draft?.invoiceID ?? "", {
      invoices: [{ status: Invoice.StatusEnum.DELETED }],
    });
    expect(deleted.body.invoices?.[0]?.status).toBe(Invoice.StatusEnum.DELETED);
    const refused = await sdkError(
      api().updateInvoice(t, approved?.invoiceID ?? "", {
        invoices: [{ status: Invoice.StatusEnum.DELETED }],
      }),
    );
    expect(refused.response.statusCode).toBe(400);
  });

  it("creates a bill with the supplier's invoice number and purchase tax", async () => {
    const supplier = await newContact("Bill Supplier");
    const bill: Invoice = {
      type: Invoice.TypeEnum.ACCPAY,
      contact: { contactID: supplier.contactID },
      invoiceNumber: `SUP-${run}`,
      date: "2026-11-20",
      dueDate: "2026-12-20",
      status: Invoice.StatusEnum.AUTHORISED,
      lineItems: [
        { description: "Steel", quantity: 2, unitAmount: 150, accountCode: "300", taxType: "INPUT2" },
      ],
    };
    const created = (await api().createInvoices(t, { invoices: [bill, bill] })).body.invoices ?? [];
    // ACCPAY numbers are the supplier's and need not be unique.
    expect(created.map((b) => b.invoiceNumber)).toEqual([`SUP-${run}`, `SUP-${run}`]);
    expect(created[0]?.subTotal).toBe(300);
    expect(created[0]?.totalTax).toBeGreaterThan(0);
    const read = await api().getInvoice(t, created[0]?.invoiceID ?? "");
    expect(read.body.invoices?.[0]?.type).toBe(Invoice.TypeEnum.ACCPAY);
  });

  it("refuses archived contacts, unknown accounts and unusable tax types per element", async () => {
    const archived = await newContact("Archived Buyer");
    await api().updateContact(t, archived.contactID ?? "", {
      contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }],
    });
    const active = await newContact("Active Buyer");
    const payload: Invoices = {
      invoices: [
        salesInvoice(archived.contactID ?? ""),
        salesInvoice(active.contactID ?? "", {
          lineItems: [{ description: "x", quantity: 1, unitAmount: 5, accountCode: "9999" }],
        }),
        salesInvoice(active.contactID ?? "", {
          lineItems: [{ description: "x", quantity: 1, unitAmount: 5, accountCode: "200", taxType: "NOPE" }],
        }),
        salesInvoice(active.contactID ?? ""),
      ],
    };
    const result = (await api().createInvoices(t, payload, false)).body.invoices ?? [];
    expect(result.map((r) => r.hasErrors)).toEqual([true, true, true, false]);
    expect(result[1]?.validationErrors?.[0]?.message).toContain("9999");
    expect(result[2]?.validationErrors?.[0]?.message).toContain("NOPE");
    expect(result[3]?.invoiceID).toBeTruthy();
  });

  it("finds invoices by status, contact and number", async () => {
    const customer = await newContact("Filter Customer");
    const inv = (await api().createInvoices(t, { invoices: [salesInvoice(customer.contactID ?? "")] })).body
      .invoices?.[0];
    const found = await api().getInvoices(
      t,
      undefined,
      undefined,
      undefined,
      undefined,
      [inv?.invoiceNumber ?? ""],
      [customer.contactID ?? ""],
      ["DRAFT"],
      1,
    );
    expect(found.body.invoices?.map((i) => i.invoiceID)).toEqual([inv?.invoiceID]);
    expect(found.body.pagination?.itemCount).toBe(1);
  });
});

describe("purchase orders", () => {
  it("numbers purchase orders PO-… and accepts the contact by ContactNumber", async () => {
    const supplier = await newContact("PO Supplier", { contactNumber: `POS-${run}` });
    const created = await api().createPurchaseOrders(t, {
      purchaseOrders: [
        {
          contact: { contactNumber: `POS-${run}` },
          date: "2026-11-20",
          deliveryDate: "2026-11-30",
          reference: `Factory PO ${run}`,
          lineItems: [
            {
              description: "Box section",
              quantity: 4,
              unitAmount: 55,
              accountCode: "300",
              taxType: "INPUT2",
            },
          ],
        },
      ],
    });
    const po = created.body.purchaseOrders?.[0];
    expect(po?.purchaseOrderNumber).toMatch(/^PO-\d{4,}$/);
    expect(po?.contact?.contactID).toBe(supplier.contactID);
    expect(po?.subTotal).toBe(220);
    const approved = await api().updatePurchaseOrder(t, po?.purchaseOrderID ?? "", {
      purchaseOrders: [{ status: PurchaseOrder.StatusEnum.AUTHORISED }],
    });
    expect(approved.body.purchaseOrders?.[0]?.status).toBe(PurchaseOrder.StatusEnum.AUTHORISED);
    expect(
      (await api().getPurchaseOrder(t, po?.purchaseOrderID ?? "")).body.purchaseOrders?.[0]?.reference,
    ).toBe(`Factory PO ${run}`);
  });
});

describe("idempotency and validation", () => {
  it("replays a create with the same Idempotency-Key instead of creating twice", async () => {
    const customer = await newContact("Idem Customer");
    const payload = { invoices: [salesInvoice(customer.contactID ?? "", { reference: `idem-${run}` })] };
    const key = `so-${run}-v1`;
    const first = await api().createInvoices(t, payload, false, undefined, key);
    const second = await api().createInvoices(t, payload, false, undefined, key);
    expect(second.body.invoices?.[0]?.invoiceID).toBe(first.body.invoices?.[0]?.invoiceID);
    const all = await api().getInvoices(t, undefined, `Reference=="idem-${run}"`);
    expect(all.body.invoices).toHaveLength(1);
  });

  it("answers an update replayed under its Idempotency-Key from the store instead of applying it again", async () => {
    const customer = await newContact("Idem Update Customer");
    const created = await api().createInvoices(t, { invoices: [salesInvoice(customer.contactID ?? "")] });
    const id = created.body.invoices?.[0]?.invoiceID ?? "";
    const key = `approve-${run}`;
    const approve = { invoices: [{ reference: `first-${run}` }] };
    const first = await api().updateInvoice(t, id, approve, undefined, key);
    expect(first.body.invoices?.[0]?.reference).toBe(`first-${run}`);
    // Someone changes the invoice meanwhile; the replayed request must not undo that change.
    await api().updateInvoice(t, id, { invoices: [{ reference: `later-${run}` }] });
    const replayed = await api().updateInvoice(t, id, approve, undefined, key);
    expect(replayed.body.invoices?.[0]?.reference).toBe(`first-${run}`);
    const now = await api().getInvoice(t, id);
    expect(now.body.invoices?.[0]?.reference).toBe(`later-${run}`);
  });

  it("rejects a request the OpenAPI spec does not allow with a 400 that says why", async () => {
    const error = await sdkError(
      api().createInvoices(t, {
        invoices: [{ type: "ACCRECX" as unknown as Invoice.TypeEnum, lineItems: [] }],
      }),
    );
    expect(error.response.statusCode).toBe(400);
  });
});
