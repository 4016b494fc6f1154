import { describe, expect, it } from "vitest";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { signInErrorMessage, signInErrorPath } from "@/lib/auth/sign-in-errors";

describe("sign-in refusals in the URL", () => {
  it("names the email Xero gave when no active user has it", () => {
    const url = new URL(signInErrorPath("xero_no_user", "pat@example.com"), "http://localhost");
    expect(signInErrorMessage(url.searchParams.get("error") ?? "", url.searchParams.get("email") ?? "")).toBe(
      "No active Factory user has the email pat@example.com. Ask an admin to add you.",
    );
  });

  it("repeats only a well-formed email from a crafted link, and reads unknown codes as a failed sign-in", () => {
    expect(signInErrorMessage("xero_no_user", "call 555-0100 to fix your account")).toBe(
      "No active Factory user has the email Xero gave. Ask an admin to add you.",
    );
    expect(signInErrorMessage("toString", undefined)).toBe(signInErrorMessage("Configuration", undefined));
    expect(signInErrorMessage(undefined, "pat@example.com")).toBeNull();
  });

  it("sends a fresh session only to paths of this site", () => {
    expect(safeRedirect("/quotes?page=2")).toBe("/quotes?page=2");
    for (const target of ["https://evil.example/", "//evil.example", "/\\evil.example", "", null]) {
      expect(safeRedirect(target)).toBe("/");
    }
  });
});
