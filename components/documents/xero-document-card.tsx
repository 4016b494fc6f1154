"use client";

import { ExternalLink, RefreshCw, RotateCw, Send } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useTimeZone } from "@/components/ui/time-zone";
import { XeroNumber } from "@/components/xero/xero-number";
import type { ActionResult } from "@/lib/auth/action";
import { formatMoney } from "@/lib/factory/money";
import { formatWait, type XeroSyncView } from "@/lib/sync/view";
import { formatDateTime } from "@/lib/ui/dates";
import {
  useReadBackWatch,
  XeroDrift,
  XeroPayment,
  type AcceptDrift,
  type ReadBackWatch,
} from "./xero-read-back";

/** While the worker is about to act, the page re-renders on the server this often. */
const REFRESH_MS = 1000;

/** "next in 40 s", counting down, and a refresh of the page once the time has come. */
function NextAttempt({ at }: { at: string }) {
  const router = useRouter();
  const [now, setNow] = useState(() => Date.now());
  const due = new Date(at).getTime();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => router.refresh(), Math.max(0, due - Date.now()) + 500);
    return () => clearTimeout(timer);
  }, [due, router]);
  return <time dateTime={at}>{formatWait(due - now)}</time>;
}

/** Why a sales order sends nothing of its own, with the invoice that carries it as a link. */
function CarriedBy({ carriedBy }: { carriedBy: NonNullable<XeroSyncView["carriedBy"]> }) {
  const named = `invoice ${carriedBy.number}`;
  const [before, ...after] = carriedBy.message.split(named);
  const link = (
    <Link href={carriedBy.href} className="font-medium underline">
      {named}
    </Link>
  );
  return (
    <p role="status">
      {after.length > 0 ? (
        <>
          {before}
          {link}
          {after.join(named)}
        </>
      ) : (
        <>
          {carriedBy.message} {link}
        </>
      )}
    </p>
  );
}

/**
 * A document's state in Xero: the badge, Xero's number and status, a foreign-currency document's rate
 * in Xero and its total in the base currency, "Open in Xero", when it was last sent, what was
 * shortened to Xero's limits, Xero's own message, any difference between the totals, and "Send to Xero" /
 * "Resend", saying when the send asked for here is done (a sales order that Xero holds as one of its
 * invoices has no send of its own: its card leads to the invoice). While the document is queued or
 * sending, the page refreshes itself until the worker has answered; while it waits for Xero, the card
 * says why, which attempt it is and when the next one is, with "Retry now". What Xero says became of
 * it (an invoice's or bill's payment, "Changed in Xero") comes from read-back, and the card refreshes
 * itself when that changes.
 */
export function XeroDocumentCard({
  title,
  objectName,
  party,
  view,
  send,
  watch,
  acceptDrift,
  currency,
  children,
}: {
  title: string;
  objectName: string;
  /** The document's customer or supplier, linked to when the document waits for its contact. */
  party: { kind: "customer" | "supplier"; id: string };
  view: XeroSyncView;
  send: (input: { type: XeroSyncView["type"]; id: string; resend: boolean }) => Promise<ActionResult<void>>;
  /** Asks what Factory knows of the document in Xero now, so the card refreshes when Xero changes it. */
  watch?: ReadBackWatch;
  acceptDrift?: AcceptDrift;
  /** The document's currency, for Xero's amounts paid and due. */
  currency?: string;
  /** What else Xero offers for the document (its PDF, online link, email), under the card's buttons. */
  children?: ReactNode;
}) {
  const router = useRouter();
  const timeZone = useTimeZone();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // When a send was asked for here: what "last sent" said then, so the card can say when it is done.
  const [requested, setRequested] = useState<{ lastSentAt: string | null } | null>(null);

  useReadBackWatch(view, watch);

  useEffect(() => {
    if (!view.refreshing) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [view.refreshing, router]);

  const onSend = (resend = view.sendLabel === "Resend") =>
    startTransition(async () => {
      const result = await send({ type: view.type, id: view.id, resend });
      setError(result.ok ? null : result.message);
      setRequested(result.ok ? { lastSentAt: view.lastSentAt } : null);
      router.refresh();
    });

  const notice = !requested
    ? null
    : view.lastSentAt && view.lastSentAt !== requested.lastSentAt
      ? "Sent: Xero has this version."
      : pending || view.refreshing
        ? "Sending to Xero…"
        : null;

  return (
    <Card aria-label={title}>
      <CardHeader title={title} actions={<Badge tone={view.tone}>{view.stateLabel}</Badge>} />
      <CardBody className="space-y-3 text-sm text-slate-700">
        {view.xeroNumber ? (
          <p>
            {objectName.charAt(0).toUpperCase() + objectName.slice(1)} <XeroNumber number={view.xeroNumber} />
            {view.xeroStatus ? (
              <span className="text-slate-500"> · {view.xeroStatus.toLowerCase()} in Xero</span>
            ) : null}
          </p>
        ) : (
          <p>{view.state === "not_sent" ? "Not sent to Xero." : `No Xero ${objectName} yet.`}</p>
        )}
        {view.ended ? <p className="font-medium text-slate-900">{view.ended}</p> : null}
        {currency ? <XeroPayment view={view} currency={currency} /> : null}
        <XeroDrift view={view} resend={() => onSend(true)} accept={acceptDrift} />
        {view.exchange ? (
          <p>
            Rate in Xero: 1 {view.exchange.baseCurrency} = {view.exchange.rate} {view.exchange.currency}
            <span className="text-slate-500"> · </span>
            <span className="font-medium text-slate-900 tabular-nums">
              {formatMoney(view.exchange.baseTotal, view.exchange.baseCurrency)}
            </span>{" "}
            in the base currency
          </p>
        ) : null}
        {view.lastSentAt ? (
          <p className="text-slate-500">
            Last sent <time dateTime={view.lastSentAt}>{formatDateTime(view.lastSentAt, timeZone)}</time>
          </p>
        ) : null}
        {view.notes.length > 0 ? (
          <ul className="space-y-1 text-slate-600" aria-label="Shortened for Xero">
            {view.notes.map((note) => (
              <li key={note}>{note}.</li>
            ))}
          </ul>
        ) : null}
        {view.totalDifference ? (
          <p className="text-amber-800">
            Xero&apos;s total is {view.xeroTotal}: {view.totalDifference.startsWith("-") ? "" : "+"}
            {view.totalDifference} from Factory&apos;s. Compare the lines in Xero with Factory&apos;s before
            relying on either.
          </p>
        ) : null}
        {view.waiting === "retrying" && view.nextAttemptAt ? (
          <p className="font-medium text-slate-900">
            Retrying (attempt {view.attempts}, next in <NextAttempt at={view.nextAttemptAt} />)
          </p>
        ) : null}
        {view.waiting === "rate_limit" && view.nextAttemptAt ? (
          <p className="font-medium text-slate-900">
            Waiting for Xero: next attempt in <NextAttempt at={view.nextAttemptAt} />
          </p>
        ) : null}
        {view.message ? (
          <p role="status" className={view.tone === "danger" ? "text-red-700" : "text-amber-800"}>
            {view.message}
            {view.state === "waiting_for_contact" ? (
              <>
                {" "}
                <Link href={`/${party.kind}s/${party.id}`} className="font-medium underline">
                  Link this {party.kind}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
        {view.sendRefusal && !view.message ? <p className="text-slate-600">{view.sendRefusal}</p> : null}
        {view.carriedBy ? <CarriedBy carriedBy={view.carriedBy} /> : null}
        {notice ? (
          <p role="status" aria-live="polite" className="font-medium text-slate-900">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-1">
          {view.deepLink ? (
            <Button variant="secondary" size="sm" asChild>
              <a href={view.deepLink} target="_blank" rel="noopener noreferrer">
                <ExternalLink aria-hidden />
                Open in Xero
              </a>
            </Button>
          ) : null}
          {view.canSend ? (
            <Button variant="secondary" size="sm" onClick={() => onSend()} disabled={pending}>
              {view.sendLabel === "Retry now" ? (
                <RotateCw aria-hidden />
              ) : view.sendLabel === "Resend" ? (
                <RefreshCw aria-hidden />
              ) : (
                <Send aria-hidden />
              )}
              {view.sendLabel}
            </Button>
          ) : null}
        </div>
        {children}
      </CardBody>
    </Card>
  );
}
