import type { PaymentTermsType } from "@/lib/db/schema";
import { dayIn } from "@/lib/ui/dates";

export interface PaymentTerms {
  type: PaymentTermsType | null;
  day: number | null;
}

/**
 * Today's date in `timeZone` (the organisation's, lib/factory/time-zone.ts) as YYYY-MM-DD, the form
 * date inputs and `date` columns use. Not the server's own time zone: a server in UTC would start
 * New Zealand's day at 1 pm.
 */
export function today(timeZone: string, now: Date = new Date()): string {
  return dayIn(now, timeZone);
}

function parse(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function format(utc: Date): string {
  return utc.toISOString().slice(0, 10);
}

/** Day `day` of the month `monthOffset` months after `date`'s, clamped to that month's last day. */
function dayOfMonth(date: string, monthOffset: number, day: number): string {
  const { year, month } = parse(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + monthOffset + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + monthOffset, Math.min(day, lastDay))));
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parse(date);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/**
 * The due date an invoice or bill gets from its party's payment terms, with the meaning Xero gives
 * each PaymentTermType so that the date Factory shows is the date Xero would set:
 * DAYSAFTERBILLDATE (N days after the date), DAYSAFTERBILLMONTH (N days after the end of the date's
 * month), OFCURRENTMONTH (day N of the date's month), OFFOLLOWINGMONTH (day N of the next month).
 * Days past a month's end fall on its last day (the 31st of February is the 28th or 29th). A party
 * without terms is due on the date itself; staff can change the date on the form.
 */
export function dueDateFromTerms(date: string, terms: PaymentTerms | null | undefined): string {
  const day = terms?.day ?? 0;
  switch (terms?.type) {
    case "days_after_invoice_date":
      return addDays(date, day);
    case "days_after_invoice_month":
      return addDays(dayOfMonth(date, 0, 31), day);
    case "day_of_current_month":
      return dayOfMonth(date, 0, Math.max(day, 1));
    case "day_of_following_month":
      return dayOfMonth(date, 1, Math.max(day, 1));
    default:
      return date;
  }
}
