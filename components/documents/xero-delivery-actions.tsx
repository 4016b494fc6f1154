"use client";

import { FileDown, Link2, Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import type { SyncDocumentType } from "@/lib/db/schema";
import type { DeliveryOptions } from "@/lib/sync/delivery";
import { newIdempotencyKey } from "@/lib/ui/idempotency-key";

type DocumentRef = { type: SyncDocumentType; id: string };

/** The file name a response's Content-Disposition gives, else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
  return match?.[1] ?? fallback;
}

/**
 * What Xero can do with a document it holds: "Download PDF" (as Xero renders it), "Copy online invoice
 * link" and "Email from Xero" (approved sales invoices only; the email asks first). Each says how it
 * went right here; the page's history records it.
 */
export function XeroDeliveryActions({
  document,
  options,
  pdfHref,
  number,
  getLink,
  email,
}: {
  document: DocumentRef;
  options: DeliveryOptions;
  pdfHref: string;
  /** Xero's number, for the email's confirmation. */
  number: string | null;
  getLink: (input: DocumentRef) => Promise<ActionResult<{ url: string }>>;
  email: (input: DocumentRef & { idempotencyKey: string }) => Promise<ActionResult<void>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  if (!options.pdf && !options.onlineLink && !options.email) return null;

  const report = (ok: string | null, failed: string | null) => {
    setNotice(ok);
    setError(failed);
  };

  const download = () =>
    startTransition(async () => {
      report(null, null);
      const response = await fetch(pdfHref).catch(() => null);
      if (!response?.ok) {
        report(null, response ? await response.text() : "Factory could not be reached; try again.");
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const anchor = Object.assign(window.document.createElement("a"), {
        href: url,
        download: fileNameOf(response, "document.pdf"),
      });
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      report(`Downloaded ${anchor.download}.`, null);
      router.refresh();
    });

  const copyLink = () =>
    startTransition(async () => {
      report(null, null);
      const result = await getLink(document);
      if (!result.ok) return report(null, result.message);
      setLink(result.data.url);
      const copied = await navigator.clipboard?.writeText(result.data.url).then(
        () => true,
        () => false,
      );
      report(copied ? "Online invoice link copied." : "Copy the online invoice link below.", null);
      router.refresh();
    });

  const sendEmail = (idempotencyKey: string) =>
    startTransition(async () => {
      report(null, null);
      const result = await email({ ...document, idempotencyKey });
      setConfirming(null);
      report(result.ok ? "Emailed from Xero." : null, result.ok ? null : result.message);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {options.pdf ? (
          <Button variant="secondary" size="sm" onClick={download} disabled={pending}>
            <FileDown aria-hidden />
            Download PDF
          </Button>
        ) : null}
        {options.onlineLink ? (
          <Button variant="secondary" size="sm" onClick={copyLink} disabled={pending}>
            <Link2 aria-hidden />
            Copy online invoice link
          </Button>
        ) : null}
        {options.email && !confirming ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setConfirming(newIdempotencyKey())}
            disabled={pending}
          >
            <Mail aria-hidden />
            Email from Xero
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div role="group" aria-label="Email from Xero" className="space-y-2 rounded-md bg-slate-50 p-3">
          <p>
            Xero will email {number ? `invoice ${number}` : "this invoice"} to the customer&apos;s email
            address in Xero.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={() => sendEmail(confirming)} disabled={pending}>
              <Mail aria-hidden />
              Email it now
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(null)} disabled={pending}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {link ? (
        <input
          readOnly
          aria-label="Online invoice link"
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-700"
        />
      ) : null}
      <div aria-live="polite">
        {notice ? <p className="font-medium text-slate-900">{notice}</p> : null}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
