import type { Executor } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * The time zone Factory works in: the one its dates ("today") and shown times belong to. The
 * configured DEFAULT_TIME_ZONE until the Xero organisation's own is known.
 */
export function loadTimeZone(_db: Executor): Promise<string> {
  return Promise.resolve(env.DEFAULT_TIME_ZONE);
}
