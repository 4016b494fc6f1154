import { describe, expect, it } from "vitest";
import { bulkOutcome } from "@/lib/sync/bulk-progress";

const since = new Date("2026-12-03T10:00:00.000Z");
const before = new Date("2026-12-03T09:59:59.000Z");
const after = new Date("2026-12-03T10:00:01.000Z");

describe("bulkOutcome", () => {
  it("counts a document the bulk job has not taken yet as on its way, whatever its old state", () => {
    expect(bulkOutcome(undefined, since)).toBe("on_its_way");
    expect(bulkOutcome({ state: "failed", updatedAt: before }, since)).toBe("on_its_way");
    expect(bulkOutcome({ state: "not_sent", updatedAt: before }, since)).toBe("on_its_way");
  });

  it("reads a document taken since from its sync state", () => {
    expect(bulkOutcome({ state: "queued", updatedAt: after }, since)).toBe("on_its_way");
    expect(bulkOutcome({ state: "sending", updatedAt: after }, since)).toBe("on_its_way");
    expect(bulkOutcome({ state: "sent", updatedAt: after }, since)).toBe("sent");
    expect(bulkOutcome({ state: "failed", updatedAt: after }, since)).toBe("failed");
    expect(bulkOutcome({ state: "locked", updatedAt: after }, since)).toBe("failed");
    for (const state of ["waiting_for_contact", "waiting_reconnect", "waiting_for_xero", "not_sent"] as const)
      expect(bulkOutcome({ state, updatedAt: after }, since)).toBe("waiting");
  });
});
