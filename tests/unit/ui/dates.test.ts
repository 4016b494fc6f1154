import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, isTimeZone } from "@/lib/ui/dates";

describe("formatDateTime", () => {
  it("shows a moment in the organisation's time zone, not the server's", () => {
    const moment = new Date("2026-12-02T14:27:45Z");
    expect(formatDateTime(moment, "Pacific/Auckland")).toBe("3 Dec 2026, 3:27 am");
    expect(formatDateTime(moment, "Europe/London")).toBe("2 Dec 2026, 2:27 pm");
    expect(formatDateTime(moment.toISOString(), "Pacific/Auckland")).toBe("3 Dec 2026, 3:27 am");
  });

  it("follows daylight saving: New Zealand moves from +12 to +13 at 2 am on the last Sunday of September", () => {
    // 27 Sep 2026: 1:59 am NZST is 13:59 UTC the day before; one minute later it is 3:00 am NZDT.
    expect(formatDateTime(new Date("2026-09-26T13:59:00Z"), "Pacific/Auckland")).toBe("27 Sep 2026, 1:59 am");
    expect(formatDateTime(new Date("2026-09-26T14:00:00Z"), "Pacific/Auckland")).toBe("27 Sep 2026, 3:00 am");
    // and back on the first Sunday of April: 2:59 am NZDT, then 2:00 am NZST again.
    expect(formatDateTime(new Date("2026-04-04T13:59:00Z"), "Pacific/Auckland")).toBe("5 Apr 2026, 2:59 am");
    expect(formatDateTime(new Date("2026-04-04T14:00:00Z"), "Pacific/Auckland")).toBe("5 Apr 2026, 2:00 am");
  });
});

describe("formatDate", () => {
  it("shows a moment's day in the time zone", () => {
    const moment = new Date("2026-12-02T14:27:45Z");
    expect(formatDate(moment, "Pacific/Auckland")).toBe("3 Dec 2026");
    expect(formatDate(moment, "America/New_York")).toBe("2 Dec 2026");
  });

  it("shows a YYYY-MM-DD day as that day in any time zone", () => {
    expect(formatDate("2026-12-03", "Pacific/Auckland")).toBe("3 Dec 2026");
    expect(formatDate("2026-12-03", "America/Los_Angeles")).toBe("3 Dec 2026");
    expect(formatDay("2027-01-01")).toBe("1 Jan 2027");
    expect(() => formatDay("3/12/2026")).toThrow();
  });
});

describe("isTimeZone", () => {
  it("knows IANA names and refuses the rest", () => {
    expect(isTimeZone("Pacific/Auckland")).toBe(true);
    expect(isTimeZone("NEWZEALANDSTANDARDTIME")).toBe(false);
  });
});

describe("the clock", () => {
  it("writes midnight and noon as 12 am and 12 pm", () => {
    expect(formatDateTime(new Date("2026-06-30T12:00:00Z"), "Pacific/Auckland")).toBe("1 Jul 2026, 12:00 am");
    expect(formatDateTime(new Date("2026-07-01T00:05:00Z"), "Pacific/Auckland")).toBe("1 Jul 2026, 12:05 pm");
    expect(formatDateTime(new Date("2026-07-01T00:05:00Z"), "UTC")).toBe("1 Jul 2026, 12:05 am");
  });
});
