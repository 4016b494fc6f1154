"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { cn } from "@/lib/ui/cn";
import { Input, Select } from "./input";
import { Label } from "./label";
import { Th } from "./table";

/** Waits this long after the last keystroke before searching, so typing a word costs one request. */
const SEARCH_DEBOUNCE_MS = 300;

/** Replaces some URL search parameters (and resets the page), keeping the rest. */
function useUrlParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const replace = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("page");
    const query = next.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  return { searchParams, replace, pending };
}

/** A search box for a server-side list: debounced, kept in the URL as `q`. */
export function ListSearch({ label, placeholder }: { label: string; placeholder?: string }) {
  const { searchParams, replace, pending } = useUrlParams();
  const current = searchParams.get("q") ?? "";
  const [value, setValue] = useState(current);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const id = useId();

  // Follow the URL when it changes under us (back button, a "clear filters" link).
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    setValue(current);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

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
        className={cn("pl-8", pending && "opacity-70")}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => replace({ q: next.trim() }), SEARCH_DEBOUNCE_MS);
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
