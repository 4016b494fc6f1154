"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page on the server every `everyMs` while `active`: for work the worker is about to finish. */
export function RefreshWhile({ active, everyMs = 1500 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
