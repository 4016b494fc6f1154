import { describe, expect, it } from "vitest";
import { lineTaxRateChoices } from "@/lib/factory/document-fields";

describe("a line's tax rate choices", () => {
  it("show each label once when a rate is itself called No tax (the seeded rates)", () => {
    const choices = lineTaxRateChoices([
      { id: "gst", name: "GST 15%" },
      { id: "none", name: "No tax" },
      { id: "zero", name: "Zero rated" },
    ]);
    expect(choices.map((c) => c.label)).toEqual(["None", "GST 15%", "No tax", "Zero rated"]);
    expect(new Set(choices.map((c) => c.label)).size).toBe(choices.length);
  });

  it("call the empty choice No tax when no rate has that name", () => {
    expect(lineTaxRateChoices([{ id: "gst", name: "GST 15%" }])).toEqual([
      { value: "", label: "No tax" },
      { value: "gst", label: "GST 15%" },
    ]);
  });
});
