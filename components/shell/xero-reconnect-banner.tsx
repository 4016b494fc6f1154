import { AlertTriangle } from "lucide-react";

/**
 * Shown to every admin on every page while Xero refuses the connection (revoked, disconnected in
 * Xero, refresh token expired): sending is held until someone reconnects.
 */
export function XeroReconnectBanner({ organisationName }: { organisationName: string }) {
  return (
    <div
      role="alert"
      className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex items-center gap-2">
          <AlertTriangle className="size-4 shrink-0" aria-hidden />
          The Xero connection to {organisationName} has stopped working. Nothing is lost: sending to Xero is
          on hold until it is reconnected.
        </p>
        <a
          href="/api/xero/connect"
          className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
        >
          Reconnect
        </a>
      </div>
    </div>
  );
}
