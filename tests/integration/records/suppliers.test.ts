import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findParty, listParties } from "@/lib/db/queries/parties";
import { purchaseOrders, suppliers } from "@/lib/db/schema";
import { createParty, deleteParty, setPartyArchived } from "@/lib/factory/parties";
import { testDb } from "../../support/db";
import { createTestUser, partyInput } from "./record-fixtures";

const db = testDb();
let userId: string;

beforeAll(async () => {
  userId = await createTestUser(db);
});

describe("archiving and deleting suppliers", () => {
  it("gives suppliers their own S- series", async () => {
    const { party } = await createParty(db, "supplier", partyInput(), userId);
    expect(party.code).toMatch(/^S-\d{5,}$/);
  });

  it("archives and unarchives, hiding the supplier from the default list", async () => {
    const name = `Archived Alloys ${randomUUID().slice(0, 6)}`;
    const { party } = await createParty(db, "supplier", partyInput({ name }), userId);
    const archived = await setPartyArchived(
      db,
      "supplier",
      { id: party.id, version: 1, archived: true },
      userId,
    );
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(2);

    const list = (status: "active" | "archived") =>
      listParties(db, "supplier", {
        search: name,
        sort: "name",
        direction: "asc",
        status,
        xero: "all",
        page: 1,
        pageSize: 10,
      });
    expect((await list("active")).total).toBe(0);
    expect((await list("archived")).total).toBe(1);

    await expect(
      setPartyArchived(db, "supplier", { id: party.id, version: 1, archived: false }, userId),
    ).rejects.toThrow(/Someone else changed this supplier/);
    const restored = await setPartyArchived(
      db,
      "supplier",
      { id: party.id, version: 2, archived: false },
      userId,
    );
    expect(restored.archivedAt).toBeNull();
  });

  it("deletes a supplier nothing refers to", async () => {
    const { party } = await createParty(db, "supplier", partyInput(), userId);
    await deleteParty(db, "supplier", { id: party.id, version: 1 }, userId);
    expect(await findParty(db, "supplier", party.id)).toBeUndefined();
  });

  it("refuses to delete a supplier with purchase orders, and says to archive instead", async () => {
    const { party } = await createParty(db, "supplier", partyInput(), userId);
    await db.insert(purchaseOrders).values({
      number: `PO-TEST-${randomUUID().slice(0, 8)}`,
      supplierId: party.id,
      orderDate: "2026-11-25",
      currency: "NZD",
    });
    await expect(deleteParty(db, "supplier", { id: party.id, version: 1 }, userId)).rejects.toThrow(
      "This supplier has purchase orders. Archive it instead.",
    );
    expect(await findParty(db, "supplier", party.id)).toBeDefined();
  });

  it("refuses to delete a supplier linked to a Xero contact", async () => {
    const { party } = await createParty(db, "supplier", partyInput(), userId);
    await db.update(suppliers).set({ xeroContactId: randomUUID() }).where(eq(suppliers.id, party.id));
    await expect(deleteParty(db, "supplier", { id: party.id, version: 1 }, userId)).rejects.toThrow(
      /linked to a Xero contact/,
    );
  });
});
