import { Table, Td, Th, Tr } from "@/components/ui/table";
import { formatMoney, formatQuantity, formatUnitPrice } from "@/lib/factory/money";

export interface DisplayLine {
  id: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxPercent: string;
  lineAmount: string;
  /** Set on order lines: how much is already on invoices (bills). */
  done?: string;
  /** An invoice's (bill's) rounding line, which makes its order's parts add up to the order. */
  kind?: "item" | "rounding";
}

/**
 * A saved document's lines, read-only. Order pages add the invoiced (billed) and remaining columns.
 * On a phone the price, discount and tax go under the description, so the table fits the screen.
 */
export function DocumentLinesTable({
  lines,
  currency,
  priceLabel = "Unit price",
  doneLabel,
  remaining,
}: {
  lines: DisplayLine[];
  currency: string;
  priceLabel?: string;
  doneLabel?: string;
  remaining?: (line: DisplayLine) => string;
}) {
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-10">#</Th>
          <Th>Description</Th>
          <Th className="text-right">Qty</Th>
          {doneLabel ? <Th className="text-right">{doneLabel}</Th> : null}
          {remaining ? <Th className="text-right">Remaining</Th> : null}
          <Th className="hidden text-right sm:table-cell">{priceLabel}</Th>
          <Th className="hidden text-right sm:table-cell">Disc.</Th>
          <Th className="hidden text-right sm:table-cell">Tax</Th>
          <Th className="text-right">Amount</Th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <Tr key={line.id}>
            <Td className="text-slate-500">{index + 1}</Td>
            <Td
              className={`break-words whitespace-pre-line sm:min-w-48 ${line.kind === "rounding" ? "text-slate-600 italic" : ""}`}
            >
              {line.description}
              <span className="mt-1 block text-xs text-slate-500 not-italic tabular-nums sm:hidden">
                {priceLabel} {formatUnitPrice(line.unitPrice)}
                {Number(line.discountPercent) ? ` · ${formatQuantity(line.discountPercent)}% off` : ""} · tax{" "}
                {formatQuantity(line.taxPercent)}%
              </span>
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatQuantity(line.quantity)}</Td>
            {doneLabel ? (
              <Td className="text-right whitespace-nowrap tabular-nums">
                {formatQuantity(line.done ?? "0")}
              </Td>
            ) : null}
            {remaining ? (
              <Td className="text-right font-medium whitespace-nowrap tabular-nums">
                {formatQuantity(remaining(line))}
              </Td>
            ) : null}
            <Td className="hidden text-right whitespace-nowrap tabular-nums sm:table-cell">
              {formatUnitPrice(line.unitPrice)}
            </Td>
            <Td className="hidden text-right whitespace-nowrap tabular-nums sm:table-cell">
              {Number(line.discountPercent) ? `${formatQuantity(line.discountPercent)}%` : ""}
            </Td>
            <Td className="hidden text-right whitespace-nowrap tabular-nums sm:table-cell">{`${formatQuantity(line.taxPercent)}%`}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {formatMoney(line.lineAmount, currency)}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
