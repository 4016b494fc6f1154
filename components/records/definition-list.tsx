import type { ReactNode } from "react";

/** Label and value pairs on a detail page; empty values show a dash. */
export function DefinitionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="font-medium text-slate-500">{item.label}</dt>
          <dd className="break-words text-slate-900">
            {item.value || <span className="text-slate-400">—</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
