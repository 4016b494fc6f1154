import { describe, expect, it } from "vitest";
import { isLastActiveAdmin } from "@/lib/auth/last-admin";

describe("the only active admin", () => {
  it('is the one admin left active: not offered as "Make staff", and refused on the server', () => {
    expect(isLastActiveAdmin({ role: "admin", active: true }, 1)).toBe(true);
  });

  it("is not an admin among several, a deactivated admin, or staff", () => {
    expect(isLastActiveAdmin({ role: "admin", active: true }, 2)).toBe(false);
    expect(isLastActiveAdmin({ role: "admin", active: false }, 1)).toBe(false);
    expect(isLastActiveAdmin({ role: "staff", active: true }, 1)).toBe(false);
  });
});
