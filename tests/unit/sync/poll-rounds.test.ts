import { describe, expect, it } from "vitest";
import { READ_BACK_SOURCES, sourcesToPoll } from "@/lib/sync/read-back";

/**
 * Which Xero resources each poll round reads, so the rounds' calls stay inside Xero's 5,000 a day
 * (docs/sync.md#read-back): one call per resource a round when nothing changed.
 */
const resources = (round: Parameters<typeof sourcesToPoll>[0], webhooks: boolean) =>
  sourcesToPoll(round, webhooks).map((source) => source.resource);
const DELETIONS = ["Quotes?Status=DELETED", "PurchaseOrders?Status=DELETED"];
const WEBHOOK_RESOURCES = READ_BACK_SOURCES.filter((source) => !source.pollOnly).map((s) => s.resource);

describe("sourcesToPoll", () => {
  it("without webhooks, the live round reads everything but deletions", () => {
    const live = resources("live", false);
    expect(live).toEqual(expect.arrayContaining(["Invoices", "CreditNotes", "Quotes", "PurchaseOrders"]));
    expect(live).toEqual(expect.not.arrayContaining(DELETIONS));
  });

  it("with webhooks, the live round reads only what Xero sends no webhooks for", () => {
    expect(WEBHOOK_RESOURCES).toEqual(expect.arrayContaining(["Invoices", "CreditNotes"]));
    expect(resources("live", true)).toEqual(["Quotes", "PurchaseOrders"]);
  });

  it("the catch-up round reads deletions, and with webhooks what they cover, for events Xero gave up on", () => {
    expect(resources("catch-up", false)).toEqual(DELETIONS);
    expect(resources("catch-up", true).sort()).toEqual([...WEBHOOK_RESOURCES, ...DELETIONS].sort());
  });

  it("between them, the rounds read every source", () => {
    for (const webhooks of [false, true]) {
      const both = new Set([...resources("live", webhooks), ...resources("catch-up", webhooks)]);
      expect([...both].sort()).toEqual(resources("all", webhooks).sort());
    }
  });
});
