import { DEMO_APP } from "../config.ts";
import { newId } from "../state/ids.ts";

/** Xero's JSON date form, e.g. `/Date(1764028800000+0000)/` (developer.xero.com/documentation/api/requests-and-responses). */
export function msDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The UTC calendar day of a moment, `YYYY-MM-DD`: the day a `/Date(ms)/` value names. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The IANA zones of the Windows time zone ids (Organisation.Timezone) of the organisations the
 * simulator seeds (xero-sim/state/seed.ts), from the Unicode CLDR windowsZones table (territory 001).
 * An organisation in a zone not listed here is a simulator bug, and says so.
 */
const ORG_ZONES: Record<string, string> = {
  NEWZEALANDSTANDARDTIME: "Pacific/Auckland",
  GMTSTANDARDTIME: "Europe/London",
  AUSEASTERNSTANDARDTIME: "Australia/Sydney",
  UTC: "Etc/UTC",
};

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Today in the organisation's time zone, `YYYY-MM-DD`: the day Xero fills in where a date is left
 * out ("If the Date element is not specified it will default to the current date based on the
 * timezone setting of the organisation": xero_accounting.yaml Invoice.Date :22348, CreditNote.Date
 * :21602, PurchaseOrder.Date :24115, Quote.Date :24277), and the day of a payment made today. At
 * 12:00 UTC on 3 Dec it is already 4 Dec in a New Zealand organisation.
 */
export function today(org: { Timezone: string }, now = Date.now()): string {
  const zone = ORG_ZONES[org.Timezone];
  if (!zone) throw new Error(`The simulator has no IANA zone for Organisation.Timezone ${org.Timezone}`);
  let formatter = dayFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormatters.set(zone, formatter);
  }
  return formatter.format(now);
}

/**
 * Accepts what apps send for dates: `YYYY-MM-DD`, an ISO date-time (xero-node turns a JS Date
 * into one) or Xero's own `/Date(ms)/`. Returns the calendar day, or `null` when unreadable.
 */
export function parseDay(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms?.[1]) return utcDay(Number(ms[1]));
  const day = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (day?.[1] && !Number.isNaN(Date.parse(`${day[1]}T00:00:00Z`))) return day[1];
  return null;
}

/** The two forms Xero returns for a document date: `/Date(…)/` and a `…String` twin. */
export function dayFields(name: string, day: string | undefined): Record<string, string> {
  if (!day) return {};
  return { [name]: msDate(dayToMs(day)), [`${name}String`]: `${day}T00:00:00` };
}

/** The envelope every accounting response has (spec example for GET /Contacts). */
export function envelope(key: string, items: unknown[], extra: Record<string, unknown> = {}) {
  return {
    Id: newId(),
    Status: "OK",
    ProviderName: DEMO_APP.name,
    DateTimeUTC: msDate(Date.now()),
    ...extra,
    [key]: items,
  };
}

export interface Page<T> {
  items: T[];
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
}

/**
 * Xero pages at 100 by default; `pageSize` is accepted up to 1000 (docs/xero/api-behaviour.md#paging). Without
 * `page` the whole list is returned and there is no `pagination` object.
 */
export function paginate<T>(all: T[], page: unknown, pageSize: unknown): Page<T> {
  if (typeof page !== "number") return { items: all };
  const size = Math.min(1000, Math.max(1, typeof pageSize === "number" ? pageSize : 100));
  const current = Math.max(1, page);
  return {
    items: all.slice((current - 1) * size, current * size),
    pagination: {
      page: current,
      pageSize: size,
      pageCount: Math.ceil(all.length / size),
      itemCount: all.length,
    },
  };
}

/** Keeps only the listed keys, dropping undefined ones. */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** A client-sent value as text for an error message (JSON for anything that is not a string). */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
