"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { cn } from "@/lib/ui/cn";
import { Input, Select } from "./input";
import { Label } from "./label";
import { Th } from "./table";

/** Waits this long after the last keystroke before searching, so typing a word costs one request. */
const SEARCH_DEBOUNCE_MS = 300;

const urlOf = (pathname: string, query: string) => (query ? `${pathname}?${query}` : pathname);
const queryOf = (url: string) => url.split("?")[1] ?? "";
const pathOf = (url: string) => url.split("?")[0]!;

/**
 * What the page's list controls have asked for and not yet seen land — the one record of it, shared
 * by the search box and the filters. The router changes the URL only when the new page arrives, so
 * the URL on screen is no base for a change made meanwhile:
 * - `search`: a search typed but not sent yet (its 300 ms wait runs). Any other control's change
 *   takes it along, so both go in one navigation and the search's late update cannot drop the other.
 * - `asked`: the URLs asked for whose page has not arrived, oldest first. A change builds on the
 *   newest of them; a page that arrives without being asked for (back button, a link) forgets them.
 */
const pending: {
  search: { q: string; timer: ReturnType<typeof setTimeout> } | null;
  asked: string[];
  landed: string;
} = { search: null, asked: [], landed: "" };

/** The search waiting to be sent, taken out of its wait (it goes with the caller's change). */
function takePendingSearch(): { q?: string } {
  const search = pending.search;
  if (!search) return {};
  clearTimeout(search.timer);
  pending.search = null;
  return { q: search.q };
}

/** A page of this list arrived: forget what was asked up to it, or everything if it wasn't asked for. */
function noteLanded(url: string) {
  if (url === pending.landed) return;
  pending.landed = url;
  const at = pending.asked.indexOf(url);
  pending.asked = at === -1 ? [] : pending.asked.slice(at + 1);
}

/** The query a change on `pathname` builds on: the newest asked for, else the URL the browser is at. */
function baseQuery(pathname: string, rendered: string): string {
  const newest = pending.asked.at(-1);
  if (newest !== undefined && pathOf(newest) === pathname) return queryOf(newest);
  return window.location.pathname === pathname ? window.location.search.replace(/^\?/, "") : rendered;
}

/** Replaces some URL search parameters (and resets the page), keeping the rest and any pending search. */
function useUrlParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();
  const landed = urlOf(pathname, searchParams.toString());
  useEffect(() => noteLanded(landed), [landed]);

  const replace = (changes: Record<string, string>) => {
    const next = new URLSearchParams(baseQuery(pathname, searchParams.toString()));
    for (const [key, value] of Object.entries({ ...takePendingSearch(), ...changes })) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("page");
    const url = urlOf(pathname, next.toString());
    pending.asked.push(url);
    startTransition(() => router.replace(url, { scroll: false }));
  };
  /** Sends `q` after the debounce, unless another change takes it along first. */
  const searchSoon = (q: string) => {
    takePendingSearch();
    pending.search = { q, timer: setTimeout(() => replace({}), SEARCH_DEBOUNCE_MS) };
  };
  /** Whether the box should show the URL's `q`: nothing typed is waiting and no newer page is coming. */
  const settled = () => !pending.search && (pending.asked.at(-1) ?? landed) === landed;
  return { searchParams, replace, searchSoon, settled, pending: isPending };
}

/** A search box for a server-side list: debounced, kept in the URL as `q`. */
export function ListSearch({ label, placeholder }: { label: string; placeholder?: string }) {
  const { searchParams, searchSoon, settled, pending: loading } = useUrlParams();
  const current = searchParams.get("q") ?? "";
  const [value, setValue] = useState(current);
  const id = useId();

  // Follow the URL when it changes under us (back button, a "clear filters" link), but not while
  // what is typed is still on its way: an older search's page must not undo newer keystrokes.
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if (settled()) setValue(current);
  }
  useEffect(() => () => void takePendingSearch(), []);

  return (
    <div className="relative w-full max-w-xs">
      <Label htmlFor={id} className="sr-only">
        {label}
      </Label>
      <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" />
      <Input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={200}
        className={cn("pl-8", loading && "opacity-70")}
        onChange={(event) => {
          setValue(event.target.value);
          searchSoon(event.target.value.trim());
        }}
      />
    </div>
  );
}

/** A select that filters a server-side list through one URL parameter. */
export function ListFilter({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const { replace } = useUrlParams();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="text-slate-500">
        {label}
      </Label>
      <Select
        id={id}
        value={value}
        className="w-auto"
        onChange={(event) => replace({ [name]: event.target.value })}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** A column header that sorts a server-side list; `href` is the list sorted by this column. */
export function SortableTh({
  children,
  href,
  direction,
  className,
}: {
  children: string;
  href: string;
  /** This column's current direction, or undefined when the list is sorted by another column. */
  direction?: "asc" | "desc";
  className?: string;
}) {
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Th
      className={className}
      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined}
    >
      <Link href={href} scroll={false} className="inline-flex items-center gap-1 hover:text-slate-900">
        {children}
        <Icon aria-hidden className={cn("size-3.5", !direction && "opacity-40")} />
        <span className="sr-only">
          {direction ? `, sorted ${direction === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
      </Link>
    </Th>
  );
}
