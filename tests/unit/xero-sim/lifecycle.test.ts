import { describe, expect, it } from "vitest";
import { HAS_PAYMENTS, nextStatuses, statusChangeRefusal } from "@/xero-sim/accounting/lifecycle";

/**
 * Xero docs (developer.xero.com/documentation/api/accounting/invoices, "Deleting and voiding
 * invoices"): a paid or part-paid invoice can be neither deleted nor voided; an AUTHORISED one with
 * no payments can be voided. The API test (tests/integration/xero-sim/lifecycle.test.ts) covers
 * fully paid; part payments and credits are only reachable here until the simulator takes payments.
 */
describe("the simulator's status rules", () => {
  it("refuses voiding a part-paid or part-credited invoice, and offers it no move", () => {
    const partPaid = { Status: "AUTHORISED", AmountPaid: 5 };
    expect(statusChangeRefusal("invoice", partPaid, "VOIDED")).toBe(HAS_PAYMENTS);
    expect(statusChangeRefusal("invoice", { Status: "AUTHORISED", AmountCredited: 1 }, "VOIDED")).toBe(
      HAS_PAYMENTS,
    );
    expect(nextStatuses("invoice", partPaid)).toEqual([]);
  });

  it("voids an AUTHORISED invoice with nothing paid", () => {
    const open = { Status: "AUTHORISED", AmountPaid: 0 };
    expect(statusChangeRefusal("invoice", open, "VOIDED")).toBeUndefined();
    expect(nextStatuses("invoice", open)).toEqual(["VOIDED"]);
  });

  it("keeps a status unchanged without calling it a move", () => {
    expect(statusChangeRefusal("quote", { Status: "DECLINED" }, "DECLINED")).toBeUndefined();
    expect(statusChangeRefusal("purchaseOrder", { Status: "AUTHORISED" }, "AUTHORISED")).toBeUndefined();
  });
});
