/**
 * The one way Factory shows dates and times: "3 Dec 2026" for a date, "3 Dec 2026, 3:27 am" for a
 * moment, always in the organisation's time zone (lib/factory/time-zone.ts; pages read it with
 * `getTimeZone()`, client components with `useTimeZone()`). The words are built here from numeric
 * parts rather than taken from the runtime's locale data, whose month names differ between versions
 * ("Sep" / "Sept"): server and browser render the same text.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(moment: Date, timeZone: string): Parts {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
  };
}

const toMoment = (value: string | Date) => (typeof value === "string" ? new Date(value) : value);
const dayText = ({ year, month, day }: Pick<Parts, "year" | "month" | "day">) =>
  `${day} ${MONTHS[month - 1]} ${year}`;

/** True when `timeZone` is an IANA time zone name this runtime knows ("Pacific/Auckland"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A `YYYY-MM-DD` day (a document's date, a `date` column): "3 Dec 2026", in no time zone. */
export function formatDay(day: string): string {
  const match = DATE_ONLY.exec(day);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${day}`);
  return dayText({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
}

/**
 * A calendar date: "3 Dec 2026". A moment is shown as its day in `timeZone`; a `YYYY-MM-DD` string is
 * a day already and is shown as that day whatever the time zone.
 */
export function formatDate(value: string | Date, timeZone: string): string {
  if (typeof value === "string" && DATE_ONLY.test(value)) return formatDay(value);
  return dayText(partsIn(toMoment(value), timeZone));
}

/** A moment: "3 Dec 2026, 3:27 am" in `timeZone`. Accepts a Date or an ISO string (from JSON). */
export function formatDateTime(value: string | Date, timeZone: string): string {
  const parts = partsIn(toMoment(value), timeZone);
  const hour = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
  const minute = String(parts.minute).padStart(2, "0");
  return `${dayText(parts)}, ${hour}:${minute} ${parts.hour < 12 ? "am" : "pm"}`;
}

/** A moment's day in `timeZone` as YYYY-MM-DD (what date inputs and `date` columns hold). */
export function dayIn(moment: Date, timeZone: string): string {
  const { year, month, day } = partsIn(moment, timeZone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(day)}`;
}
