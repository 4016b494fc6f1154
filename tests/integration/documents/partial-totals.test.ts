import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { salesOrderLines } from "@/lib/db/schema";
import { sum } from "@/lib/factory/money";
import { createSalesOrder, generateInvoice } from "@/lib/factory/sales-orders";
import { testDb } from "../../support/db";
import { line, salesOrderForm, seedBasics } from "./fixtures";

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

describe("the invoices of an order add up to the order", () => {
  it("an order of 842.67 invoiced in two parts is 842.67, not 842.68 (issue 11 item 14)", async () => {
    // 15.5 h at 47.275: 732.7625 → 732.76 + GST 109.91 = 842.67. Invoiced as 2.75 h (130.01 + 19.50 =
    // 149.51) and 12.75 h (602.76 + 90.41 = 693.17), each line rounded on its own: 842.68.
    const order = await createSalesOrder(
      db,
      salesOrderForm(basics.customer.id, {
        lines: [
          line({ description: "Machining", quantity: "15.5", unitPrice: "47.275", taxRateId: basics.gst.id }),
        ],
      }),
      basics.user.id,
    );
    expect(order.total).toBe("842.67");
    const [orderLine] = await db
      .select()
      .from(salesOrderLines)
      .where(eq(salesOrderLines.salesOrderId, order.id))
      .orderBy(asc(salesOrderLines.position));
    const invoice = (version: number, quantity: string) =>
      generateInvoice(
        db,
        {
          salesOrderId: order.id,
          version,
          idempotencyKey: randomUUID(),
          issueDate: "2026-11-25",
          dueDate: "2026-12-20",
          reference: "",
          lines: [{ orderLineId: orderLine!.id, quantity }],
        },
        basics.user.id,
      );
    const first = await invoice(order.version, "2.75");
    const second = await invoice(order.version + 1, "12.75");
    expect(first.total).toBe("149.51");
    expect(sum([first.subtotal, second.subtotal])).toBe("732.76");
    expect(sum([first.taxTotal, second.taxTotal])).toBe("109.91");
    expect(sum([first.total, second.total])).toBe("842.67");
  });
});
