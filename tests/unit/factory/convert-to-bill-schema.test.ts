import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { convertToBillSchema } from "@/lib/factory/purchase-order-schema";

const bill = (unitCost?: string) => ({
  purchaseOrderId: randomUUID(),
  version: 1,
  idempotencyKey: randomUUID(),
  supplierInvoiceNumber: "SUP-1",
  billDate: "2026-12-03",
  dueDate: "2026-12-20",
  lines: [{ orderLineId: randomUUID(), quantity: "1", unitCost }],
});

const costError = (unitCost?: string) => {
  const parsed = convertToBillSchema.safeParse(bill(unitCost));
  return parsed.success
    ? null
    : parsed.error.issues.find((issue) => issue.path.join(".") === "lines.0.unitCost")?.message;
};

describe("convert to bill: a line's unit cost", () => {
  it("may be left out (the order's cost) or changed to what the supplier charged", () => {
    expect(costError(undefined)).toBeNull();
    expect(costError("42.50")).toBeNull();
  });

  it("is refused when negative, not a number, or past the 2 decimals Xero keeps on bills", () => {
    expect(costError("-1")).toBeTruthy();
    expect(costError("abc")).toBeTruthy();
    expect(costError("1.234")).toMatch(/2 decimal places/);
  });
});
