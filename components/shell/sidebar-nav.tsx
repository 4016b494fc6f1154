"use client";

import {
  ArrowLeftRight,
  Building2,
  FileMinus,
  FileText,
  LayoutDashboard,
  Link2,
  Package,
  ReceiptText,
  ScrollText,
  ShoppingCart,
  Truck,
  UserCog,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";
import { activeHref, NAV_SECTIONS, type NavItem } from "./nav-items";

const ICONS: Record<NavItem["icon"], typeof Users> = {
  overview: LayoutDashboard,
  customers: Users,
  suppliers: Building2,
  products: Package,
  quotes: FileText,
  "sales-orders": ShoppingCart,
  invoices: ReceiptText,
  "purchase-orders": Truck,
  bills: ScrollText,
  "credit-notes": FileMinus,
  xero: Link2,
  "sync-log": ArrowLeftRight,
  users: UserCog,
};

export function SidebarNav({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  const sections = NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => isAdmin || !item.adminOnly),
  })).filter((section) => section.items.length > 0);
  const current = activeHref(
    pathname,
    sections.flatMap((section) => section.items.map((item) => item.href)),
  );

  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3 py-4">
      {sections.map((section, index) => (
        <div key={section.title ?? index}>
          {section.title ? (
            <p className="mb-1 px-3 text-xs font-semibold tracking-wider text-slate-400 uppercase">
              {section.title}
            </p>
          ) : null}
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const Icon = ICONS[item.icon];
              const active = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white",
                      active && "bg-slate-800 text-white",
                    )}
                  >
                    <Icon className="size-4 shrink-0" aria-hidden />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
