import { describe, expect, it } from "vitest";
import { xeroContactUrl } from "@/lib/xero/deep-links";
import { xeroDocumentUrl } from "@/lib/xero/document-links";

const ID = "8b6f5c7e-0000-4000-8000-000000000001";

describe("xeroContactUrl", () => {
  it("opens the contact in the organisation named by its ShortCode", () => {
    expect(xeroContactUrl("!dfNZ1", ID)).toBe(
      `https://go.xero.com/organisationlogin/default.aspx?shortcode=!dfNZ1&redirecturl=/Contacts/View/${ID}`,
    );
  });

  it("opens the simulator's own page while connected to the simulator", () => {
    expect(xeroContactUrl("!dfNZ1", ID, "http://localhost:4100")).toBe(
      `http://localhost:4100/sim/view/!dfNZ1/contact/${ID}`,
    );
  });
});

describe("xeroDocumentUrl while connected to the simulator", () => {
  it("links each kind of document to the simulator's page for it, not go.xero.com", () => {
    const sim = "http://127.0.0.1:4117";
    expect(xeroDocumentUrl("quote", "!dfNZ1", ID, sim)).toBe(`${sim}/sim/view/!dfNZ1/quote/${ID}`);
    expect(xeroDocumentUrl("sales_invoice", "!dfNZ1", ID, sim)).toBe(`${sim}/sim/view/!dfNZ1/invoice/${ID}`);
    expect(xeroDocumentUrl("bill", "!dfNZ1", ID, sim)).toBe(`${sim}/sim/view/!dfNZ1/bill/${ID}`);
    expect(xeroDocumentUrl("purchase_order", "!dfNZ1", ID, sim)).toBe(
      `${sim}/sim/view/!dfNZ1/purchase-order/${ID}`,
    );
    expect(xeroDocumentUrl("credit_note", "!dfNZ1", ID, sim)).toBe(
      `${sim}/sim/view/!dfNZ1/credit-note/${ID}`,
    );
    expect(xeroDocumentUrl("quote", null, ID, sim)).toBeNull();
  });
});
