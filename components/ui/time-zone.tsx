"use client";

import { createContext, useContext, type ReactNode } from "react";

const TimeZoneContext = createContext<string | null>(null);

/** Gives client components the organisation's time zone (the dashboard layout reads it on the server). */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

/** The organisation's time zone, for `formatDate` / `formatDateTime` in client components. */
export function useTimeZone(): string {
  const timeZone = useContext(TimeZoneContext);
  if (!timeZone) throw new Error("useTimeZone() needs a <TimeZoneProvider> above it.");
  return timeZone;
}
