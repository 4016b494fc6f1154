import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { quoteLines, quotes, salesOrderLines } from "@/lib/db/schema";
import {
  changeQuoteStatus,
  convertQuoteToSalesOrder,
  createQuote,
  updateQuoteFromForm,
} from "@/lib/factory/quotes";
import { quoteFormSchema } from "@/lib/factory/quote-schema";
import { testDb } from "../../support/db";
import { counter, eventsFor, line, quoteForm, seedBasics } from "./fixtures";

// Lets a test make the event write fail, to prove the record and its event commit or roll back together.
const failing = vi.hoisted(() => ({ events: false }));
vi.mock("@/lib/sync/events", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/sync/events")>();
  return {
    ...real,
    recordFactoryEvent: async (...args: Parameters<typeof real.recordFactoryEvent>) => {
      await real.recordFactoryEvent(...args);
      if (failing.events) throw new Error("event store unavailable");
    },
  };
});

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

describe("quotes", () => {
  it("creates a quote with a gapless number, Xero-rounded totals, lines and a created event", async () => {
    const quote = await createQuote(
      db,
      quoteForm(basics.customer.id, {
        lines: [
          line({ description: "Frame", quantity: "1", unitPrice: "1141.39", taxRateId: basics.gst.id }),
          line({ description: "Bolts", quantity: "1", unitPrice: "34.25", taxRateId: basics.gst.id }),
        ],
      }),
      basics.user.id,
    );
    expect(quote.number).toMatch(/^Q-\d{5}$/);
    expect(quote).toMatchObject({ status: "draft", subtotal: "1175.64", createdBy: basics.user.id });
    // 15 % per line: 171.2085 → 171.21 and 5.1375 → 5.14, summed 176.35 (not 176.346 → 176.35 by chance).
    expect(quote.taxTotal).toBe("176.35");
    const lines = await db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id));
    expect(lines.map((row) => [row.position, row.taxPercent, row.lineAmount, row.taxAmount])).toEqual(
      expect.arrayContaining([
        [1, "15.0000", "1141.39", "171.21"],
        [2, "15.0000", "34.25", "5.14"],
      ]),
    );
    expect(await eventsFor(db, "quote", quote.id)).toEqual(["created"]);
  });

  it("returns the same quote for a double submit, even when both arrive at once", async () => {
    const form = quoteForm(basics.customer.id);
    const before = await counter(db, "quote");
    const [first, second] = await Promise.all([
      createQuote(db, form, basics.user.id),
      createQuote(db, form, basics.user.id),
    ]);
    expect(second.id).toBe(first.id);
    const again = await createQuote(db, form, basics.user.id);
    expect(again.id).toBe(first.id);
    expect(await counter(db, "quote")).toBe(before + 1);
    expect(await eventsFor(db, "quote", first.id)).toEqual(["created"]);
  });

  it("leaves nothing behind and no gap in numbering when a create fails after taking its number", async () => {
    const before = await counter(db, "quote");
    const form = quoteForm(basics.customer.id);
    failing.events = true;
    await expect(createQuote(db, form, basics.user.id)).rejects.toThrow("event store unavailable");
    failing.events = false;
    expect(await db.select().from(quotes).where(eq(quotes.idempotencyKey, form.idempotencyKey))).toEqual([]);
    expect(await counter(db, "quote")).toBe(before);
    const next = await createQuote(db, quoteForm(basics.customer.id), basics.user.id);
    expect(next.number).toBe(`Q-${String(before + 1).padStart(5, "0")}`);
  });

  it("refuses a missing customer and an unknown product next to their fields", async () => {
    await expect(createQuote(db, quoteForm(randomUUID()), basics.user.id)).rejects.toMatchObject({
      fieldErrors: { customerId: ["Choose a customer."] },
    });
    await expect(
      createQuote(
        db,
        quoteForm(basics.customer.id, { lines: [line({ productId: randomUUID() })] }),
        basics.user.id,
      ),
    ).rejects.toMatchObject({
      fieldErrors: { "lines.0.productId": ["This product is no longer available."] },
    });
  });

  it("stores unicode, emoji and SQL- or HTML-looking text exactly as typed", async () => {
    const text = `Ø12 flange 🔩 — '); drop table quotes; -- <script>alert(1)</script>`;
    const quote = await createQuote(
      db,
      quoteForm(basics.customer.id, { reference: text, lines: [line({ description: text })] }),
      basics.user.id,
    );
    const [saved] = await db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id));
    expect(saved?.description).toBe(text);
    expect(quote.reference).toBe(text);
  });

  it("refuses bad input in the form's schema: a 1 MB description, negative and absurd numbers", () => {
    const result = quoteFormSchema.safeParse(
      quoteForm(basics.customer.id, {
        lines: [
          line({ description: "x".repeat(1024 * 1024) }),
          line({ quantity: "-1", unitPrice: "99999999999" }),
          line({ quantity: "1.23456", discountPercent: "120" }),
        ],
      }),
    );
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(messages).toEqual([
      "lines.0.description: The description can be at most 4,000 characters.",
      "lines.1.quantity: Quantity must be more than zero.",
      "lines.1.unitPrice: Unit price can't be more than 10,000,000.",
      "lines.2.quantity: Quantity can have at most 4 decimal places.",
      "lines.2.discountPercent: Discount can't be more than 100.",
    ]);
  });

  it("saves an edit at the current version, refuses a stale one, and takes a double-clicked save once", async () => {
    const quote = await createQuote(db, quoteForm(basics.customer.id), basics.user.id);
    const edit = quoteForm(basics.customer.id, {
      id: quote.id,
      version: quote.version,
      lines: [line({ quantity: "3" })],
    });
    const saved = await updateQuoteFromForm(db, edit, basics.user.id);
    expect(saved).toMatchObject({ version: quote.version + 1, subtotal: "37.50" });
    // The same form submitted again (a double click): same result, no conflict, no second event.
    expect((await updateQuoteFromForm(db, edit, basics.user.id)).version).toBe(saved.version);
    // Another person's form, opened before the save: refused.
    await expect(
      updateQuoteFromForm(db, { ...edit, idempotencyKey: randomUUID() }, basics.user.id),
    ).rejects.toThrow(/Someone else changed this quote/);
    expect(await eventsFor(db, "quote", quote.id)).toEqual(["created", "updated"]);
  });

  it("converts once to a sales order with the quote's lines, and marks the quote accepted", async () => {
    const quote = await createQuote(
      db,
      quoteForm(basics.customer.id, {
        taxMode: "inclusive",
        lines: [
          line({ productId: basics.product.id, quantity: "2", unitPrice: "115", taxRateId: basics.gst.id }),
          line({ description: "Delivery", quantity: "1", unitPrice: "40", discountPercent: "10" }),
        ],
      }),
      basics.user.id,
    );
    const sent = await changeQuoteStatus(
      db,
      { id: quote.id, version: quote.version, status: "sent" },
      basics.user.id,
    );
    const key = randomUUID();
    const [order, twin] = await Promise.all([
      convertQuoteToSalesOrder(
        db,
        { id: quote.id, version: sent.version, idempotencyKey: key },
        basics.user.id,
      ),
      convertQuoteToSalesOrder(
        db,
        { id: quote.id, version: sent.version, idempotencyKey: key },
        basics.user.id,
      ),
    ]);
    expect(twin.id).toBe(order.id);
    expect(order).toMatchObject({
      quoteId: quote.id,
      customerId: basics.customer.id,
      taxMode: "inclusive",
      total: quote.total,
      taxTotal: quote.taxTotal,
    });
    const lines = await db.select().from(salesOrderLines).where(eq(salesOrderLines.salesOrderId, order.id));
    expect(lines.map((row) => [row.description, row.quantity, row.lineAmount, row.taxAmount]).sort()).toEqual(
      [
        ["Delivery", "1.0000", "36.00", "0.00"],
        ["Laser cutting, 3 mm plate", "2.0000", "230.00", "30.00"],
      ],
    );
    const [after] = await db.select().from(quotes).where(eq(quotes.id, quote.id));
    expect(after?.status).toBe("accepted");
    await expect(
      convertQuoteToSalesOrder(
        db,
        { id: quote.id, version: after!.version, idempotencyKey: randomUUID() },
        basics.user.id,
      ),
    ).rejects.toThrow(`This quote has already become sales order ${order.number}.`);
    await expect(
      updateQuoteFromForm(
        db,
        quoteForm(basics.customer.id, { id: quote.id, version: after!.version }),
        basics.user.id,
      ),
    ).rejects.toThrow(/can no longer be changed/);
    expect(await eventsFor(db, "sales_order", order.id)).toEqual(["created"]);
    expect(await eventsFor(db, "quote", quote.id)).toEqual(["created", "updated", "updated"]);
  });

  it("won't convert a declined quote or make a transition the rules don't allow", async () => {
    const quote = await createQuote(db, quoteForm(basics.customer.id), basics.user.id);
    const declined = await changeQuoteStatus(
      db,
      { id: quote.id, version: quote.version, status: "declined" },
      basics.user.id,
    );
    await expect(
      convertQuoteToSalesOrder(
        db,
        { id: quote.id, version: declined.version, idempotencyKey: randomUUID() },
        basics.user.id,
      ),
    ).rejects.toThrow(/declined quote can't become a sales order/);
    await expect(
      changeQuoteStatus(db, { id: quote.id, version: declined.version, status: "accepted" }, basics.user.id),
    ).rejects.toThrow("A declined quote can't be marked accepted.");
  });
});
