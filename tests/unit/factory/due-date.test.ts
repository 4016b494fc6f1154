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

  it("formats today as a local calendar date", () => {
    expect(today(new Date(2026, 10, 5, 23, 59))).toBe("2026-11-05");
  });
});
