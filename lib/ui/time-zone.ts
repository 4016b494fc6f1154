import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { loadTimeZone } from "@/lib/factory/time-zone";

/** The time zone pages show dates and times in (lib/factory/time-zone.ts), read once per request. */
export const getTimeZone = cache((): Promise<string> => loadTimeZone(getDb()));
