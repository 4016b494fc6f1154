import { describe, expect, it } from "vitest";
import { xeroContactUrl } from "@/lib/xero/deep-links";

describe("xeroContactUrl", () => {
  it("opens the contact in the organisation named by its ShortCode", () => {
    expect(xeroContactUrl("!dfNZ1", "8b6f5c7e-0000-4000-8000-000000000001")).toBe(
      "https://go.xero.com/organisationlogin/default.aspx?shortcode=!dfNZ1&redirecturl=/Contacts/View/8b6f5c7e-0000-4000-8000-000000000001",
    );
  });
});
