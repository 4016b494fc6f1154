import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isTimeZone } from "@/lib/ui/dates";
import { XERO_TIME_ZONES, ianaTimeZone } from "@/lib/xero/time-zones";

describe("Xero's organisation time zones", () => {
  it("maps Xero's names to IANA zones", () => {
    expect(ianaTimeZone("NEWZEALANDSTANDARDTIME")).toBe("Pacific/Auckland");
    expect(ianaTimeZone("GMTSTANDARDTIME")).toBe("Europe/London");
    expect(ianaTimeZone("AUSEASTERNSTANDARDTIME")).toBe("Australia/Sydney");
    expect(ianaTimeZone("NOT A ZONE")).toBeNull();
    expect(ianaTimeZone(null)).toBeNull();
  });

  it("knows every value of the TimeZone enum in Xero's accounting spec, each a zone this runtime knows", () => {
    const spec = readFileSync(path.join(process.cwd(), "xero-sim/openapi/xero_accounting.yaml"), "utf8");
    const block = /\n {4}TimeZone:\n[\s\S]*?enum:\n((?: {8}- .+\n)+)/.exec(spec)?.[1] ?? "";
    const values = block.split("\n").flatMap((line) => (line.trim() ? [line.trim().slice(2)] : []));
    expect(values.length).toBeGreaterThan(100);
    expect([...XERO_TIME_ZONES].sort()).toEqual([...values].sort());
    for (const value of values) expect(isTimeZone(ianaTimeZone(value) ?? "")).toBe(true);
  });
});
