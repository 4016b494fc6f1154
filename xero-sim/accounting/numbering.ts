/**
 * Xero's automatic document numbers: a prefix and a four-digit sequence (`INV-0001`, `QU-0001`,
 * `PO-0001`). A number a client already used is skipped, as Xero's "next number" does.
 */
export function nextNumber(
  prefix: string,
  counter: number,
  taken: (candidate: string) => boolean,
): [string, number] {
  let n = counter;
  let candidate: string;
  do {
    n++;
    candidate = `${prefix}${String(n).padStart(4, "0")}`;
  } while (taken(candidate));
  return [candidate, n];
}
