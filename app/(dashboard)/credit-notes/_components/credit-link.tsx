import Link from "next/link";
import { ReceiptText } from "lucide-react";
import { Button } from "@/components/ui/button";

/** "Create credit note" on an invoice's page, "Supplier credit" on a bill's. */
export function CreditLink({ href, label }: { href: string; label: string }) {
  return (
    <Button variant="secondary" asChild>
      <Link href={href}>
        <ReceiptText aria-hidden />
        {label}
      </Link>
    </Button>
  );
}
