import { describe, expect, it } from "vitest";
import type { ItemSummary } from "@/lib/xero/api/items";
import { filterItems, itemCodeProblem, matchSkusToItems } from "@/lib/linking/items";

const items: ItemSummary[] = [
  { itemId: "i1", code: "STL-SHT-2", name: "Mild steel sheet 2mm" },
  { itemId: "i2", code: "BOLT-M8", name: "Bolt M8 zinc" },
];

describe("itemCodeProblem", () => {
  it("accepts SKUs of up to 30 characters and explains longer ones", () => {
    expect(itemCodeProblem("x".repeat(30))).toBeNull();
    expect(itemCodeProblem("x".repeat(31))).toMatch(/31 characters; Xero item codes can be at most 30/);
  });
});

describe("matchSkusToItems", () => {
  it("pairs SKUs with item codes ignoring case and spaces, showing changes of link", () => {
    const matches = matchSkusToItems(
      [
        { id: "p1", sku: " stl-sht-2 ", name: "Sheet", xeroItemId: null },
        { id: "p2", sku: "STL-SHT-2-CUT", name: "Cut sheet", xeroItemId: null },
        { id: "p3", sku: "BOLT-M8", name: "Bolt", xeroItemId: "i2" },
        { id: "p4", sku: "bolt-m8", name: "Bolt (box)", xeroItemId: "old" },
      ],
      items,
    );
    expect(matches.map((m) => [m.productId, m.item.itemId, m.currentItemId])).toEqual([
      ["p1", "i1", null],
      ["p4", "i2", "old"],
    ]);
  });
});

describe("filterItems", () => {
  it("searches code and name, and treats odd input as text", () => {
    expect(filterItems(items, "zinc").map((i) => i.itemId)).toEqual(["i2"]);
    expect(filterItems(items, "%")).toEqual([]);
    expect(filterItems(items, "x".repeat(10_240))).toEqual([]);
    expect(filterItems(items, "")).toHaveLength(2);
  });
});
