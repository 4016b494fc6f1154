import { describe, expect, it } from "vitest";
import { everythingRemaining, planPartial, progressState, remainingQuantity } from "@/lib/factory/remaining";

const noun = { document: "invoice", done: "invoiced" };
const lines = [
  { id: "a", quantity: "10.0000", doneQuantity: "4.0000" },
  { id: "b", quantity: "2.5000", doneQuantity: "0" },
  { id: "c", quantity: "1.0000", doneQuantity: "1.0000" },
];

describe("remainingQuantity", () => {
  it("is ordered less already done, never below zero", () => {
    expect(remainingQuantity(lines[0]!)).toBe("6");
    expect(remainingQuantity(lines[1]!)).toBe("2.5");
    expect(remainingQuantity({ quantity: "1", doneQuantity: "3" })).toBe("0");
  });
});

describe("progressState", () => {
  it("tells none, partial and complete apart", () => {
    expect(progressState([{ quantity: "2", doneQuantity: "0" }])).toBe("none");
    expect(progressState(lines)).toBe("partial");
    expect(progressState([{ quantity: "2", doneQuantity: "2" }])).toBe("complete");
    expect(progressState([])).toBe("none");
  });
});

describe("planPartial", () => {
  it("takes chosen quantities and skips zeros", () => {
    const plan = planPartial(
      lines,
      [
        { orderLineId: "a", quantity: "6" },
        { orderLineId: "b", quantity: "0" },
        { orderLineId: "c", quantity: "0" },
      ],
      noun,
    );
    expect(plan).toEqual({ ok: true, lines: [{ orderLineId: "a", quantity: "6.0000" }] });
  });

  it("refuses more than remains, with the error on that row", () => {
    const plan = planPartial(
      lines,
      [
        { orderLineId: "a", quantity: "6.0001" },
        { orderLineId: "c", quantity: "1" },
      ],
      noun,
    );
    expect(plan).toEqual({
      ok: false,
      message: "Some quantities can't go on this invoice.",
      fieldErrors: {
        "lines.0.quantity": ["Only 6 remain to be invoiced."],
        "lines.1.quantity": ["This line is already fully invoiced."],
      },
    });
  });

  it("refuses negative, over-precise, unknown and repeated lines", () => {
    const plan = planPartial(
      lines,
      [
        { orderLineId: "a", quantity: "-1" },
        { orderLineId: "b", quantity: "0.00001" },
        { orderLineId: "zzz", quantity: "1" },
        { orderLineId: "b", quantity: "1" },
      ],
      noun,
    );
    expect(plan.ok).toBe(false);
    expect(Object.keys(plan.ok ? {} : plan.fieldErrors)).toEqual([
      "lines.0.quantity",
      "lines.1.quantity",
      "lines.2.quantity",
      "lines.3.quantity",
    ]);
  });

  it("needs at least one positive quantity", () => {
    const plan = planPartial(lines, [{ orderLineId: "a", quantity: "0" }], noun);
    expect(plan).toMatchObject({
      ok: false,
      message: "Choose at least one line with a quantity to put on the invoice.",
    });
  });

  it("plans the whole remaining order", () => {
    const plan = planPartial(lines, everythingRemaining(lines), noun);
    expect(plan).toEqual({
      ok: true,
      lines: [
        { orderLineId: "a", quantity: "6.0000" },
        { orderLineId: "b", quantity: "2.5000" },
      ],
    });
  });
});
