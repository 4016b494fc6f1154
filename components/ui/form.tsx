"use client";

import { useEffect, useRef, useSyncExternalStore, type ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

const never = () => () => {};

/** False in the server's HTML and while React hydrates it; true once the page's scripts have taken over. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * A form that works only through its scripts (react-hook-form, a server action). Until React has
 * hydrated it, its controls are disabled (one fieldset around them; `className` lays that out): a
 * field typed into before then would keep showing what was typed while react-hook-form, registering
 * it afterwards, sent its default (a credit of 1 sent as 0), and a click would submit the page as a
 * plain GET. On a slow phone or a busy server that gap is seconds long.
 *
 * `autoFocus` names the control to focus once it can be (a disabled one can't take focus, so the
 * attribute on the control itself would do nothing).
 */
export function Form({
  children,
  className,
  autoFocus,
  ...props
}: Omit<ComponentProps<"form">, "noValidate" | "autoFocus"> & { autoFocus?: string }) {
  const hydrated = useHydrated();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!hydrated || !autoFocus) return;
    const control = ref.current?.elements.namedItem(autoFocus);
    if (control instanceof HTMLElement) control.focus();
  }, [hydrated, autoFocus]);
  return (
    <form ref={ref} noValidate {...props}>
      <fieldset disabled={!hydrated} aria-busy={!hydrated} className={cn("min-w-0", className)}>
        {children}
      </fieldset>
    </form>
  );
}
