import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { XeroConnection } from "@/lib/db/schema";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { describeCallsLeftToday } from "@/lib/xero/connection-health";

const STATUS = {
  connected: { label: "Connected", tone: "success" },
  needs_reconnect: { label: "Needs reconnect", tone: "danger" },
  disconnected: { label: "Disconnected", tone: "neutral" },
} as const;

/** The Overview's "Xero at a glance": which organisation, whether it works, and the day's call budget. */
export async function XeroConnectionSummary({
  connection,
  dayLimit,
  isAdmin,
}: {
  connection: XeroConnection | undefined;
  /** The organisation's daily call limit as learned from Xero; null while unknown. */
  dayLimit: number | null;
  isAdmin: boolean;
}) {
  const status = STATUS[connection?.status ?? "disconnected"];
  const timeZone = await getTimeZone();
  return (
    <Card aria-labelledby="xero-summary-title">
      <CardHeader
        title={<span id="xero-summary-title">Xero</span>}
        actions={<Badge tone={status.tone}>{connection ? status.label : "Not connected"}</Badge>}
      />
      <CardBody className="space-y-2 text-sm text-slate-700">
        {connection && connection.status !== "disconnected" ? (
          <>
            <p className="font-medium text-slate-900">{connection.organisationName}</p>
            <p>
              Last successful call:{" "}
              {connection.lastSuccessfulCallAt
                ? formatDateTime(connection.lastSuccessfulCallAt, timeZone)
                : "none yet"}
            </p>
            {connection.callsLeftToday !== null ? (
              <p>Calls left today: {describeCallsLeftToday(connection.callsLeftToday, dayLimit)}</p>
            ) : null}
            {connection.status === "needs_reconnect" ? (
              <p className="text-red-700">Sending to Xero is on hold until an admin reconnects.</p>
            ) : null}
          </>
        ) : (
          <p>Factory isn’t sending to Xero. {isAdmin ? "" : "Ask an admin to connect it."}</p>
        )}
        {isAdmin ? (
          <Link
            href="/xero"
            className="inline-block font-medium text-blue-700 underline-offset-4 hover:underline"
          >
            {connection?.status === "connected" ? "Manage the Xero connection" : "Go to the Xero page"}
          </Link>
        ) : null}
      </CardBody>
    </Card>
  );
}
