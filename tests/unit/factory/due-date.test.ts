import { describe, expect, it } from "vitest";
import { addDays, dueDateFromTerms, today } from "@/lib/factory/due-date";

describe("dueDateFromTerms", () => {
  it("counts days after the invoice date", () => {
    expect(dueDateFromTerms("2026-11-25", { type: "days_after_invoice_date", day: 20 })).toBe("2026-12-15");
    expect(dueDateFromTerms("2026-12-20", { type: "days_after_invoice_date", day: 30 })).toBe("2027-01-19");
  });

  it("counts days after the end of the invoice month", () => {
    expect(dueDateFromTerms("2026-11-25", { type: "days_after_invoice_month", day: 20 })).toBe("2026-12-20");
    expect(dueDateFromTerms("2026-02-03", { type: "days_after_invoice_month", day: 1 })).toBe("2026-03-01");
  });

  it("falls on a day of the current or following month, clamped to the month's end", () => {
    expect(dueDateFromTerms("2026-11-05", { type: "day_of_current_month", day: 20 })).toBe("2026-11-20");
    expect(dueDateFromTerms("2026-11-25", { type: "day_of_following_month", day: 20 })).toBe("2026-12-20");
    expect(dueDateFromTerms("2027-01-31", { type: "day_of_following_month", day: 31 })).toBe("2027-02-28");
    expect(dueDateFromTerms("2028-01-10", { type: "day_of_following_month", day: 30 })).toBe("2028-02-29");
    expect(dueDateFromTerms("2026-12-15", { type: "day_of_following_month", day: 20 })).toBe("2027-01-20");
  });

  it("is due on the date itself without terms", () => {
    expect(dueDateFromTerms("2026-11-25", null)).toBe("2026-11-25");
    expect(dueDateFromTerms("2026-11-25", { type: null, day: null })).toBe("2026-11-25");
  });
});

describe("date helpers", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("gives today's date in the organisation's time zone, not the server's", () => {
    // 11:30 UTC on 5 Nov is already 6 Nov in Auckland (UTC+13 in November) and still 5 Nov in London.
    const moment = new Date("2026-11-05T11:30:00Z");
    expect(today("Pacific/Auckland", moment)).toBe("2026-11-06");
    expect(today("Europe/London", moment)).toBe("2026-11-05");
    expect(today("America/Los_Angeles", new Date("2026-01-01T07:59:00Z"))).toBe("2025-12-31");
  });
});
