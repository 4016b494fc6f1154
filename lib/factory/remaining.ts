import { compare, hasAtMostDecimalPlaces, QUANTITY_DP, subtract, toFixed } from "./money";

/**
 * Partial invoicing of a sales order and partial billing of a purchase order work the same way: each
 * order line has an ordered quantity and the quantity already taken onto invoices (or bills), and what
 * remains is their difference. The "already" figure is `quantity_invoiced` / `quantity_billed` on the
 * order line, raised in the same transaction that writes the invoice (bill) lines, with a database
 * check that it never passes the ordered quantity; these rules give people a clear message before
 * that check would have to say no.
 */
export interface OrderLineProgress {
  id: string;
  quantity: string;
  /** Sum of this line's quantities on invoices (or bills) already made. */
  doneQuantity: string;
}

export interface RequestedQuantity {
  orderLineId: string;
  quantity: string;
}

export interface PlannedLine {
  orderLineId: string;
  quantity: string;
}

export type PartialPlan =
  { ok: true; lines: PlannedLine[] } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export function remainingQuantity(line: Pick<OrderLineProgress, "quantity" | "doneQuantity">): string {
  const remaining = subtract(line.quantity, line.doneQuantity);
  return compare(remaining, 0) < 0 ? "0" : remaining;
}

export type ProgressState = "none" | "partial" | "complete";

/** Whether nothing, some or all of an order has been invoiced (or billed). */
export function progressState(
  lines: readonly Pick<OrderLineProgress, "quantity" | "doneQuantity">[],
): ProgressState {
  const started = lines.some((line) => compare(line.doneQuantity, 0) > 0);
  const finished = lines.every((line) => compare(remainingQuantity(line), 0) === 0);
  if (lines.length > 0 && finished && started) return "complete";
  return started ? "partial" : "none";
}

/**
 * Checks a request to invoice (or bill) some quantity of some lines against what remains, refusing
 * anything that would take a line past its ordered quantity. Zero quantities are skipped; at least one
 * line must carry a positive quantity. Field errors are keyed `lines.<index>.quantity`, matching the
 * request's position in the form, so the form shows each next to its row.
 */
export function planPartial(
  orderLines: readonly OrderLineProgress[],
  requested: readonly RequestedQuantity[],
  noun: { document: string; done: string },
): PartialPlan {
  const byId = new Map(orderLines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  const fieldErrors: Record<string, string[]> = {};
  const lines: PlannedLine[] = [];

  requested.forEach((request, index) => {
    const key = `lines.${index}.quantity`;
    const line = byId.get(request.orderLineId);
    if (!line || seen.has(request.orderLineId)) {
      fieldErrors[key] = ["This line is no longer on the order. Reload the page."];
      return;
    }
    seen.add(request.orderLineId);
    if (!hasAtMostDecimalPlaces(request.quantity, QUANTITY_DP) || compare(request.quantity, 0) < 0) {
      fieldErrors[key] = [`Enter a quantity of zero or more, with at most ${QUANTITY_DP} decimals.`];
      return;
    }
    if (compare(request.quantity, 0) === 0) return;
    const remaining = remainingQuantity(line);
    if (compare(request.quantity, remaining) > 0) {
      fieldErrors[key] = [
        compare(remaining, 0) === 0
          ? `This line is already fully ${noun.done}.`
          : `Only ${remaining} remain${remaining === "1" ? "s" : ""} to be ${noun.done}.`,
      ];
      return;
    }
    lines.push({ orderLineId: line.id, quantity: toFixed(request.quantity, QUANTITY_DP) });
  });

  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: `Some quantities can't go on this ${noun.document}.`, fieldErrors };
  }
  if (lines.length === 0) {
    return {
      ok: false,
      message: `Choose at least one line with a quantity to put on the ${noun.document}.`,
      fieldErrors: {},
    };
  }
  return { ok: true, lines };
}

/** The request that takes everything still remaining: "invoice the whole order". */
export function everythingRemaining(orderLines: readonly OrderLineProgress[]): RequestedQuantity[] {
  return orderLines.map((line) => ({ orderLineId: line.id, quantity: remainingQuantity(line) }));
}
