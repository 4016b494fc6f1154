import Link from "next/link";
import { cn } from "@/lib/ui/cn";

/**
 * Previous / next links for a server-paginated list. `hrefFor(page)` builds the URL keeping the
 * list's other search parameters.
 */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  const disabledClass = "pointer-events-none opacity-40";
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-4 px-4 py-3 text-sm text-slate-600"
    >
      <p>
        {total === 0
          ? "No results"
          : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}`}
      </p>
      <div className="flex gap-2">
        <Link
          href={hrefFor(page - 1)}
          aria-disabled={page <= 1}
          tabIndex={page <= 1 ? -1 : undefined}
          className={cn(linkClass, page <= 1 && disabledClass)}
        >
          Previous
        </Link>
        <Link
          href={hrefFor(page + 1)}
          aria-disabled={page >= pageCount}
          tabIndex={page >= pageCount ? -1 : undefined}
          className={cn(linkClass, page >= pageCount && disabledClass)}
        >
          Next
        </Link>
      </div>
    </nav>
  );
}

/**
 * Previous / next links for a list paged by cursor (keyset), which knows where the neighbouring pages
 * start but not how many there are. A missing href shows the link's name greyed out, not focusable.
 */
export function CursorPagination({
  summary,
  previousHref,
  nextHref,
}: {
  summary: string;
  previousHref?: string;
  nextHref?: string;
}) {
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  const disabledClass = "cursor-default opacity-40 hover:bg-white";
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-4 px-4 py-3 text-sm text-slate-600"
    >
      <p>{summary}</p>
      <div className="flex gap-2">
        {previousHref ? (
          <Link href={previousHref} rel="prev" className={linkClass}>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={cn(linkClass, disabledClass)}>
            Previous
          </span>
        )}
        {nextHref ? (
          <Link href={nextHref} rel="next" className={linkClass}>
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={cn(linkClass, disabledClass)}>
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
