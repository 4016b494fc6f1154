import { describe, expect, it } from "vitest";
import { deliveryOptions, deliveryRefusal, pdfFileName } from "@/lib/sync/delivery";

const state = (
  xeroStatus: string | null,
  xeroId: string | null = "0b6c1e4e-7d5b-4a44-9d1e-2f1b8a3c9d10",
) => ({
  xeroId,
  xeroStatus,
  xeroNumber: "INV-0007",
});

describe("what Xero can do with a document Factory sent", () => {
  it("renders a PDF of anything it holds, not of what it deleted or never got", () => {
    expect(deliveryOptions("quote", state("DRAFT")).pdf).toBe(true);
    expect(deliveryOptions("bill", state("AUTHORISED")).pdf).toBe(true);
    expect(deliveryOptions("invoice", state("DELETED")).pdf).toBe(false);
    expect(deliveryOptions("invoice", undefined).pdf).toBe(false);
    expect(deliveryRefusal("pdf", "invoice", state(null, null))).toBe(
      "It isn't in Xero yet: send it to Xero first.",
    );
  });

  it("links and emails approved sales invoices only (docs: no online invoice for drafts)", () => {
    expect(deliveryOptions("invoice", state("AUTHORISED"))).toEqual({
      pdf: true,
      onlineLink: true,
      email: true,
    });
    expect(deliveryOptions("invoice", state("PAID")).email).toBe(true);
    expect(deliveryOptions("invoice", state("DRAFT"))).toEqual({
      pdf: true,
      onlineLink: false,
      email: false,
    });
    expect(deliveryOptions("sales_order", state("DRAFT")).email).toBe(false);
    expect(deliveryOptions("bill", state("AUTHORISED")).onlineLink).toBe(false);
    expect(deliveryRefusal("email", "invoice", state("DRAFT"))).toBe(
      "Xero only emails approved invoices; this one is draft in Xero.",
    );
    expect(deliveryRefusal("email", "bill", state("AUTHORISED"))).toBe(
      "Only invoices can be emailed from Xero.",
    );
  });

  it("names the file after Xero's number", () => {
    expect(pdfFileName("invoice", state("AUTHORISED"))).toBe("INV-0007.pdf");
    expect(pdfFileName("purchase_order", { xeroNumber: null })).toBe("purchase-order.pdf");
    expect(pdfFileName("bill", { xeroNumber: "SUP 77/1" })).toBe("SUP-77-1.pdf");
  });
});
