import { Link2 } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";

/**
 * A plain link to the consent flow, which runs in this window, never a pop-up (docs/certification.md#connection).
 * Xero's branding rules allow either Xero's official, unmodified button artwork or a button of the
 * app's own without the Xero logo (docs/certification.md#branding). The official artwork is only published on
 * Xero's developer site, which can't be reached from where this is built, so this is the app's own
 * style; swap in Xero's files from its branding page before applying for certification.
 */
export function ConnectToXero({ label = "Connect to Xero" }: { label?: string }) {
  return (
    <a href="/api/xero/connect" className={cn(buttonVariants({ size: "lg" }), "bg-sky-700 hover:bg-sky-800")}>
      <Link2 aria-hidden />
      {label}
    </a>
  );
}
