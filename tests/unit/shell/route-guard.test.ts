import { describe, expect, it } from "vitest";
import { isAdminOnlyPath, recordOfPath } from "@/lib/auth/route-guard";

describe("route guard", () => {
  it("knows the admin-only pages", () => {
    for (const path of [
      "/settings/users",
      "/settings/users/abc",
      "/xero",
      "/xero/import",
      "/xero/choose-organisation",
    ])
      expect(isAdminOnlyPath(path), path).toBe(true);
    for (const path of ["/", "/xero/sync-log", "/xero-things", "/customers", "/settings-like"])
      expect(isAdminOnlyPath(path), path).toBe(false);
  });

  it("finds the record a record page names", () => {
    const id = "3559d38f-e1c4-47e7-b02e-b0b94dfdfcf4";
    expect(recordOfPath(`/customers/${id}`)).toEqual({ kind: "customer", id });
    expect(recordOfPath(`/sales-orders/${id}/generate-invoice`)).toEqual({ kind: "sales_order", id });
    expect(recordOfPath(`/purchase-orders/${id}/edit`)).toEqual({ kind: "purchase_order", id });
    expect(recordOfPath(`/invoices/${id}`)).toEqual({ kind: "invoice", id });
    expect(recordOfPath(`/bills/${id}/edit`)).toEqual({ kind: "bill", id });
    expect(recordOfPath(`/settings/users/${id}`)).toEqual({ kind: "user", id });
    expect(recordOfPath("/quotes/not-an-id")).toEqual({ kind: "quote", id: null });
  });

  it("leaves list, new and other pages alone", () => {
    for (const path of [
      "/customers",
      "/customers/new",
      "/products/xero-match",
      "/xero/sync-log",
      "/invoices",
      "/bills",
      "/",
    ])
      expect(recordOfPath(path), path).toBeNull();
  });
});
