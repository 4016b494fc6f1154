import { describe, expect, it } from "vitest";
import { connectionCheckCron } from "@/lib/sync/connection-check-job";

describe("connectionCheckCron", () => {
  it("turns XERO_CONNECTION_CHECK_MINUTES into a cron expression", () => {
    expect(connectionCheckCron(1)).toBe("*/1 * * * *");
    expect(connectionCheckCron(5)).toBe("*/5 * * * *");
    expect(connectionCheckCron(60)).toBe("0 * * * *");
  });

  it("refuses an interval cron can't express", () => {
    expect(() => connectionCheckCron(0)).toThrow(/1 to 60/);
    expect(() => connectionCheckCron(61)).toThrow(/1 to 60/);
    expect(() => connectionCheckCron(2.5)).toThrow(/1 to 60/);
  });
});
