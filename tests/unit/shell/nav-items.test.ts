import { describe, expect, it } from "vitest";
import { activeHref, NAV_SECTIONS } from "@/components/shell/nav-items";

const hrefs = NAV_SECTIONS.flatMap((section) => section.items.map((item) => item.href));

describe("activeHref", () => {
  it.each([
    ["/", "/"],
    ["/customers", "/customers"],
    ["/customers/123/edit", "/customers"],
    ["/xero", "/xero"],
    ["/xero/sync-log", "/xero/sync-log"],
    ["/xero/import", "/xero"],
    ["/customersx", undefined],
    ["/invoices/123/edit", "/invoices"],
    ["/bills", "/bills"],
    ["/credit-notes/123", "/credit-notes"],
  ])("%s → %s", (pathname, expected) => {
    expect(activeHref(pathname, hrefs)).toBe(expected);
  });

  it("lists every section the product promises in the sidebar", () => {
    expect(NAV_SECTIONS.flatMap((section) => section.items.map((item) => item.label))).toEqual([
      "Overview",
      "Customers",
      "Suppliers",
      "Products",
      "Quotes",
      "Sales orders",
      "Invoices",
      "Purchase orders",
      "Bills",
      "Credit notes",
      "Xero",
      "Sync log",
      "Users",
    ]);
  });
});
