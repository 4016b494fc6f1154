export interface NavItem {
  href: string;
  label: string;
  icon:
    | "overview"
    | "customers"
    | "suppliers"
    | "products"
    | "quotes"
    | "sales-orders"
    | "invoices"
    | "purchase-orders"
    | "bills"
    | "credit-notes"
    | "xero"
    | "sync-log"
    | "users";
  adminOnly?: boolean;
}

export const NAV_SECTIONS: { title?: string; items: NavItem[] }[] = [
  { items: [{ href: "/", label: "Overview", icon: "overview" }] },
  {
    title: "Records",
    items: [
      { href: "/customers", label: "Customers", icon: "customers" },
      { href: "/suppliers", label: "Suppliers", icon: "suppliers" },
      { href: "/products", label: "Products", icon: "products" },
    ],
  },
  {
    title: "Documents",
    items: [
      { href: "/quotes", label: "Quotes", icon: "quotes" },
      { href: "/sales-orders", label: "Sales orders", icon: "sales-orders" },
      { href: "/invoices", label: "Invoices", icon: "invoices" },
      { href: "/purchase-orders", label: "Purchase orders", icon: "purchase-orders" },
      { href: "/bills", label: "Bills", icon: "bills" },
      { href: "/credit-notes", label: "Credit notes", icon: "credit-notes" },
    ],
  },
  {
    title: "Integration",
    items: [
      { href: "/xero", label: "Xero", icon: "xero", adminOnly: true },
      { href: "/xero/sync-log", label: "Sync log", icon: "sync-log" },
    ],
  },
  { title: "Settings", items: [{ href: "/settings/users", label: "Users", icon: "users", adminOnly: true }] },
];

/** The nav item a path belongs to: the longest matching prefix, so /xero/sync-log isn't also "Xero". */
export function activeHref(pathname: string, hrefs: string[]): string | undefined {
  return hrefs
    .filter((href) =>
      href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`),
    )
    .sort((a, b) => b.length - a.length)[0];
}
