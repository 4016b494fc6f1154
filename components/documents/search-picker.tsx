"use client";

import { ChevronsUpDown } from "lucide-react";
import { useEffect, useId, useRef, useState, type ComponentProps } from "react";
import { controlClass } from "@/components/ui/input";
import { cn } from "@/lib/ui/cn";

export interface PickerOption<T = undefined> {
  id: string;
  label: string;
  detail?: string;
  /** Whatever the caller wants back when this option is chosen (a product's price, say). */
  data?: T;
}

/** Waits this long after the last keystroke before asking the server, so a word costs one search. */
const SEARCH_DEBOUNCE_MS = 200;

/**
 * A searchable combobox for lists too long for a select (100,000 customers): type to search on the
 * server, arrows to move, Enter to choose, Escape to close. Follows the WAI-ARIA combobox pattern so
 * it works from the keyboard and with a screen reader; the chosen option's label stays in the box.
 */
export function SearchPicker<T = undefined>({
  value,
  selectedLabel,
  onSelect,
  search,
  placeholder,
  emptyText = "Nothing matches.",
  id,
  className,
  ...aria
}: {
  value: string;
  selectedLabel: string;
  onSelect: (option: PickerOption<T> | null) => void;
  search: (term: string) => Promise<PickerOption<T>[]>;
  placeholder?: string;
  emptyText?: string;
  id?: string;
  className?: string;
} & Pick<ComponentProps<"input">, "aria-invalid" | "aria-describedby" | "aria-label" | "onBlur">) {
  const listId = useId();
  const [text, setText] = useState(selectedLabel);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption<T>[]>([]);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);

  const [seenLabel, setSeenLabel] = useState(selectedLabel);
  if (selectedLabel !== seenLabel) {
    setSeenLabel(selectedLabel);
    setText(selectedLabel);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const runSearch = (term: string) => {
    clearTimeout(timer.current);
    setLoading(true);
    timer.current = setTimeout(() => {
      const ticket = ++latest.current;
      void search(term).then((found) => {
        // Answers can arrive out of order; only the latest search may fill the list.
        if (ticket !== latest.current) return;
        setOptions(found);
        setActive(0);
        setLoading(false);
      });
    }, SEARCH_DEBOUNCE_MS);
  };

  const choose = (option: PickerOption<T>) => {
    onSelect(option);
    setText(option.label);
    setOpen(false);
  };

  const openList = () => {
    if (!open) {
      setOpen(true);
      runSearch(text === selectedLabel ? "" : text);
    }
  };

  return (
    <div className={cn("relative", className)}>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        className={cn(controlClass, "h-9 pr-8")}
        {...aria}
        onFocus={(event) => event.target.select()}
        onClick={openList}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          if (value && event.target.value === "") onSelect(null);
          runSearch(event.target.value.trim());
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!open) return openList();
            setActive((index) => Math.min(index + 1, options.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === "Enter" && open) {
            event.preventDefault();
            const option = options[active];
            if (option) choose(option);
          } else if (event.key === "Escape" && open) {
            event.preventDefault();
            setOpen(false);
            setText(selectedLabel);
          }
        }}
        onBlur={(event) => {
          // Let a click on an option land before closing; put back the chosen label if none was made.
          setTimeout(() => {
            setOpen(false);
            setText((current) => (current === "" && !value ? "" : selectedLabel));
          }, 150);
          aria.onBlur?.(event);
        }}
      />
      <ChevronsUpDown
        aria-hidden
        className="pointer-events-none absolute top-2.5 right-2.5 size-4 text-slate-400"
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute z-30 mt-1 max-h-64 w-full min-w-64 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{loading ? "Searching…" : emptyText}</li>
          ) : (
            options.map((option, index) => (
              <li
                key={option.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={cn(
                  "cursor-pointer px-3 py-1.5",
                  index === active ? "bg-slate-100 text-slate-900" : "text-slate-700",
                )}
                onMouseEnter={() => setActive(index)}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                <span className="font-medium">{option.label}</span>
                {option.detail ? <span className="ml-2 text-xs text-slate-500">{option.detail}</span> : null}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
