import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { AuditEvent } from "@/lib/db/schema";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";

const ACTIONS: Record<string, string> = {
  updated: "Settings changed",
  tax_mapping_updated: "Tax mapping changed",
  connected: "Connected",
  reconnected: "Reconnected",
  organisation_switched: "Switched organisation",
  disconnected: "Disconnected",
  needs_reconnect: "Xero stopped accepting the connection",
};

function show(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return show(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${show(v)}`)
    .join(", ");
}

export async function SettingsHistory({
  events,
  userNames,
}: {
  events: AuditEvent[];
  userNames: Map<string, string>;
}) {
  const timeZone = await getTimeZone();
  return (
    <Card>
      <CardHeader title="History" description="Recent changes to the connection and these settings." />
      {events.length === 0 ? (
        <EmptyState title="No changes yet" />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>What</Th>
              <Th>Before</Th>
              <Th>After</Th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <Tr key={event.id}>
                <Td className="whitespace-nowrap text-slate-500">{formatDateTime(event.at, timeZone)}</Td>
                <Td>{event.userId ? (userNames.get(event.userId) ?? "Former user") : "Factory"}</Td>
                <Td>{ACTIONS[event.action] ?? event.action}</Td>
                <Td className="text-slate-600">{describe(event.before)}</Td>
                <Td className="text-slate-600">{describe(event.after)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
