import { describe, expect, it } from "vitest";
import { paymentView } from "@/lib/sync/payment";

const TODAY = "2026-12-03";
const state = (overrides: Partial<Parameters<typeof paymentView>[0] & object> = {}) => ({
  xeroStatus: "AUTHORISED",
  xeroAmountPaid: "0.00",
  xeroAmountDue: "115.00",
  xeroPaidOn: null,
  xeroDueDate: "2026-12-20",
  ...overrides,
});

describe("paymentView", () => {
  it("says nothing of a document not approved in Xero, voided or never read", () => {
    expect(paymentView(undefined, TODAY)).toBeNull();
    expect(paymentView(state({ xeroStatus: "DRAFT" }), TODAY)).toBeNull();
    expect(paymentView(state({ xeroStatus: "VOIDED" }), TODAY)).toBeNull();
  });

  it("reads Xero's figures: paid, partly paid, overdue, awaiting payment", () => {
    expect(paymentView(state(), TODAY)?.label).toBe("Awaiting payment");
    expect(paymentView(state({ xeroAmountPaid: "15.00", xeroAmountDue: "100.00" }), TODAY)?.label).toBe(
      "Partly paid",
    );
    expect(paymentView(state({ xeroDueDate: "2026-12-02" }), TODAY)).toMatchObject({
      label: "Overdue",
      tone: "danger",
    });
    expect(paymentView(state({ xeroDueDate: TODAY }), TODAY)?.label).toBe("Awaiting payment");
    expect(
      paymentView(
        state({
          xeroStatus: "PAID",
          xeroAmountPaid: "115.00",
          xeroAmountDue: "0.00",
          xeroPaidOn: "2026-12-01",
        }),
        TODAY,
      ),
    ).toMatchObject({ label: "Paid", paidOn: "2026-12-01", amountPaid: "115.00" });
  });
});
