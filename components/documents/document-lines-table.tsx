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

/** A saved document's lines, read-only. Order pages add the invoiced (billed) and remaining columns. */
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
          <Th className="text-right">{priceLabel}</Th>
          <Th className="text-right">Disc.</Th>
          <Th className="text-right">Tax</Th>
          <Th className="text-right">Amount</Th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <Tr key={line.id}>
            <Td className="text-slate-500">{index + 1}</Td>
            <Td
              className={`min-w-48 break-words whitespace-pre-line ${line.kind === "rounding" ? "text-slate-600 italic" : ""}`}
            >
              {line.description}
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
            <Td className="text-right whitespace-nowrap tabular-nums">{formatUnitPrice(line.unitPrice)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {Number(line.discountPercent) ? `${formatQuantity(line.discountPercent)}%` : ""}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{`${formatQuantity(line.taxPercent)}%`}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {formatMoney(line.lineAmount, currency)}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
