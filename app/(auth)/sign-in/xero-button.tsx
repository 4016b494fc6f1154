import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";

/**
 * A plain link that starts a Xero round trip in this window. Xero's branding rules allow a button of
 * the app's own whose label says "Xero", without the Xero logo (docs/xero/api-behaviour.md#sign-in-with-xero).
 */
export function XeroButton({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} className={cn(buttonVariants({ size: "lg" }), "w-full bg-sky-700 hover:bg-sky-800")}>
      {label}
    </a>
  );
}
