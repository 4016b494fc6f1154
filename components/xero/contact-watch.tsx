"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ActionResult } from "@/lib/auth/action";

/** How long a customer or supplier page waits between asks whether its Xero contact changed. */
const WATCH_MS = 3000;

/**
 * Re-renders the page on the server when Factory learns something new of the record's Xero contact
 * (read back from a webhook or the poller, or a merge followed): asks for a small stamp a few seconds
 * after the last answer, never while one is on its way (a page's server actions run one at a time,
 * so asks piling up on a slow server would hold back what the person does), and refreshes only when
 * the stamp moved.
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
    let timer: ReturnType<typeof setTimeout>;
    const ask = async () => {
      const result = await watch().catch(() => null);
      if (stopped) return;
      if (result?.ok && result.data !== stamp) router.refresh();
      else timer = setTimeout(() => void ask(), WATCH_MS);
    };
    timer = setTimeout(() => void ask(), WATCH_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [stamp, watch, router]);
  return null;
}
