"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ActionResult } from "@/lib/auth/action";

/** How often a customer or supplier page asks whether its Xero contact changed (archived, merged, renamed). */
const WATCH_MS = 3000;

/**
 * Re-renders the page on the server when Factory learns something new of the record's Xero contact
 * (read back from a webhook or the poller, or a merge followed): asks for a small stamp every few
 * seconds and refreshes only when it moved.
 */
export function ContactWatch({
  stamp,
  watch,
}: {
  stamp: string;
  watch: () => Promise<ActionResult<string>>;
}) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(() => {
      void watch().then((result) => {
        if (!stopped && result.ok && result.data !== stamp) router.refresh();
      });
    }, WATCH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [stamp, watch, router]);
  return null;
}
