"use client";

import { Check, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTimeZone } from "@/components/ui/time-zone";
import type { ActionResult } from "@/lib/auth/action";
import { formatMoney } from "@/lib/factory/money";
import type { XeroSyncView } from "@/lib/sync/view";
import { formatDateTime, formatDay } from "@/lib/ui/dates";

/** How often a card asks whether Xero's copy changed (a payment, an edit in Xero). */
const WATCH_MS = 3000;

export type ReadBackWatch = (input: {
  type: XeroSyncView["type"];
  id: string;
}) => Promise<ActionResult<string | null>>;

/**
 * Refreshes the page when Factory learns something new of the document in Xero (read back from a
 * webhook or the poller, or a send): asks for the document's stamp every few seconds while Xero may
 * still change it, and re-renders on the server only when the stamp moved.
 */
export function useReadBackWatch(view: XeroSyncView, watch: ReadBackWatch | undefined): void {
  const router = useRouter();
  const { type, id, readBackStamp } = view;
  useEffect(() => {
    if (!watch || !readBackStamp) return;
    let stopped = false;
    const timer = setInterval(() => {
      void watch({ type, id }).then((result) => {
        if (!stopped && result.ok && result.data !== readBackStamp) router.refresh();
      });
    }, WATCH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [watch, type, id, readBackStamp, router]);
}

/** Xero's payment state of an invoice or bill, its figures, and when Factory last read it back. */
export function XeroPayment({ view, currency }: { view: XeroSyncView; currency: string }) {
  const timeZone = useTimeZone();
  const { payment } = view;
  return (
    <>
      {payment ? (
        <div className="space-y-1" role="group" aria-label="Payment in Xero">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={payment.tone}>{payment.label}</Badge>
            {payment.label === "Paid" && payment.paidOn ? (
              <span className="text-slate-600">on {formatDay(payment.paidOn)}</span>
            ) : payment.dueDate ? (
              <span className="text-slate-600">due {formatDay(payment.dueDate)}</span>
            ) : null}
          </p>
          {payment.amountPaid !== null && payment.amountDue !== null ? (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
              <dt className="text-slate-500">Amount paid</dt>
              <dd className="text-right font-medium text-slate-900 tabular-nums">
                {formatMoney(payment.amountPaid, currency)}
              </dd>
              <dt className="text-slate-500">Amount due</dt>
              <dd className="text-right font-medium text-slate-900 tabular-nums">
                {formatMoney(payment.amountDue, currency)}
              </dd>
            </dl>
          ) : null}
        </div>
      ) : null}
      {view.readBackAt ? (
        <p className="text-slate-500">
          Read back from Xero{" "}
          <time dateTime={view.readBackAt}>{formatDateTime(view.readBackAt, timeZone)}</time>
        </p>
      ) : null}
    </>
  );
}

export type AcceptDrift = (input: { type: XeroSyncView["type"]; id: string }) => Promise<ActionResult<void>>;

/**
 * "Changed in Xero": what differs between Xero's copy and what Factory sent, with the two ways out:
 * send Factory's version again (a resend, through the planner like any other), or accept that Xero
 * now differs (the card stays quiet until Xero's copy changes anew).
 */
export function XeroDrift({
  view,
  resend,
  accept,
}: {
  view: XeroSyncView;
  resend: () => void;
  accept: AcceptDrift | undefined;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!view.drift || view.drift.length === 0) return null;
  const onAccept = () =>
    startTransition(async () => {
      if (!accept) return;
      const result = await accept({ type: view.type, id: view.id });
      setError(result.ok ? null : result.message);
      router.refresh();
    });
  return (
    <div
      className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200"
      role="region"
      aria-label="Changed in Xero"
    >
      <p className="font-medium text-amber-900">Changed in Xero</p>
      <p className="text-amber-900">
        Someone changed this in Xero since Factory sent it. Factory has not applied it.
      </p>
      <ul className="space-y-1 text-slate-700">
        {view.drift.map((difference) => (
          <li key={difference.field} className="break-words">
            <span className="font-medium">{difference.field}:</span> Factory sent {difference.factory}, Xero
            has {difference.xero}
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={resend} disabled={pending}>
          <RefreshCw aria-hidden />
          Send Factory&apos;s version
        </Button>
        {accept ? (
          <Button variant="secondary" size="sm" onClick={onAccept} disabled={pending}>
            <Check aria-hidden />
            Accept Xero&apos;s version
          </Button>
        ) : null}
      </div>
    </div>
  );
}
