import { cn } from "@/lib/ui/cn";

/**
 * A number Xero gave a document (INV-0001, QU-0001, PO-0001), labelled as Xero's so it is never
 * taken for Factory's own (SO-00003, Q-00005, PO-00004): a small "Xero" tag before it, in Xero's blue.
 */
export function XeroNumber({ number, className }: { number: string; className?: string }) {
  return (
    <span className={cn("inline-flex items-baseline gap-1 whitespace-nowrap", className)}>
      <span className="rounded bg-sky-100 px-1 py-px text-[0.625rem] font-semibold tracking-wide text-sky-800 uppercase">
        Xero
      </span>{" "}
      <span className="font-mono text-xs font-medium text-sky-900">{number}</span>
    </span>
  );
}
