import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { XeroConnection } from "@/lib/db/schema";
import {
  accessTokenValid,
  describeCallsLeftToday,
  describeScopes,
  refreshTokenBadge,
} from "@/lib/xero/connection-health";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { ConnectToXero } from "./connect-to-xero";
import { DisconnectFromXero } from "./disconnect-from-xero";

export const STATUS_LABEL = {
  connected: { label: "Connected", tone: "success" },
  needs_reconnect: { label: "Needs reconnect", tone: "danger" },
  disconnected: { label: "Disconnected", tone: "neutral" },
} as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export async function ConnectionCard({
  connection,
  connectedByName,
  dayLimit,
}: {
  connection: XeroConnection | undefined;
  connectedByName: string | null;
  /** The organisation's daily call limit as learned from Xero; null while unknown. */
  dayLimit: number | null;
}) {
  const timeZone = await getTimeZone();
  const when = (value: Date | null) => (value ? formatDateTime(value, timeZone) : "—");
  if (!connection || connection.status === "disconnected") {
    return (
      <Card>
        <CardHeader
          title="Connection"
          description="Factory sends customers, suppliers and documents to one Xero organisation. Changes made in Xero don't come back."
        />
        <CardBody className="space-y-3">
          <p className="text-sm text-slate-700">
            {connection
              ? `Not connected. Factory was last connected to ${connection.organisationName}; reconnecting to it picks up where it left off.`
              : "Not connected to Xero yet."}
          </p>
          <ConnectToXero />
        </CardBody>
      </Card>
    );
  }

  const status = STATUS_LABEL[connection.status];
  const age = refreshTokenBadge(connection.status, connection.refreshTokenIssuedAt);
  return (
    <Card>
      <CardHeader
        title={connection.organisationName}
        description="Factory is the source of truth: it sends to this organisation, and reads back what became of it (payments, status, and edits made in Xero, shown but never applied)."
        actions={<Badge tone={status.tone}>{status.label}</Badge>}
      />
      <CardBody>
        <dl className="divide-y divide-slate-100">
          <Row label="Short code">{connection.shortCode ?? "—"}</Row>
          <Row label="Base currency">{connection.baseCurrency ?? "—"}</Row>
          <Row label="Connected by">
            {connectedByName ?? "—"} on {when(connection.connectedAt)}
          </Row>
          <Row label="Last successful call">{when(connection.lastSuccessfulCallAt)}</Row>
          <Row label="Calls left today">
            {connection.callsLeftToday === null
              ? "Not known yet"
              : describeCallsLeftToday(connection.callsLeftToday, dayLimit)}
          </Row>
          <Row label="Access token">
            {connection.accessTokenExpiresAt
              ? `${accessTokenValid(connection.accessTokenExpiresAt) ? "Valid until" : "Expired"} ${when(connection.accessTokenExpiresAt)} (renewed automatically)`
              : "—"}
          </Row>
          <Row label="Refresh token">
            <span className="flex flex-wrap items-center gap-2">
              Issued {age.days === 0 ? "today" : `${age.days} day${age.days === 1 ? "" : "s"} ago`}
              <Badge tone={age.tone}>{age.label}</Badge>
            </span>
          </Row>
          <Row label="Permissions">
            <ul className="list-disc space-y-0.5 pl-4">
              {describeScopes(connection.grantedScopes).map((s) => (
                <li key={s.scope}>{s.words}</li>
              ))}
            </ul>
          </Row>
          {connection.lastError ? <Row label="Last problem">{connection.lastError}</Row> : null}
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          {connection.status === "needs_reconnect" ? <ConnectToXero label="Reconnect to Xero" /> : null}
          <DisconnectFromXero organisationName={connection.organisationName} />
        </div>
      </CardBody>
    </Card>
  );
}
