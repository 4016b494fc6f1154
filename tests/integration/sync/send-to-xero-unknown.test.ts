import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { documentSyncStates } from "@/lib/db/schema";
import { testDb } from "../../support/db";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { sendToXero } = await import("@/app/(dashboard)/_sync/actions");

describe("sendToXero", () => {
  it("refuses an id no document has, and writes nothing", async () => {
    session.user = { id: randomUUID(), email: "staff@example.test", name: "Staff", role: "staff" };
    const id = randomUUID();
    for (const type of ["quote", "sales_order", "invoice", "purchase_order", "bill"] as const) {
      const result = await sendToXero({ type, id });
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.message).toContain("doesn't exist; nothing was sent");
    }
    expect(await sendToXero({ type: "sales_order", id })).toEqual({
      ok: false,
      message: "That sales order doesn't exist; nothing was sent.",
    });
    const written = await testDb()
      .select()
      .from(documentSyncStates)
      .where(eq(documentSyncStates.recordId, id));
    expect(written).toEqual([]);
  });
});
