import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditEvent } from "@/lib/db/schema";
import { describeSettingsEvent, type SettingsNames } from "@/lib/linking/settings-history";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";

/** Recent changes to the connection and its settings, each in sentences (lib/linking/settings-history.ts). */
export async function SettingsHistory({
  events,
  userNames,
  names,
}: {
  events: AuditEvent[];
  userNames: Map<string, string>;
  names: SettingsNames;
}) {
  const timeZone = await getTimeZone();
  return (
    <Card aria-label="Settings history">
      <CardHeader title="History" description="Recent changes to the connection and these settings." />
      {events.length === 0 ? (
        <EmptyState title="No changes yet" />
      ) : (
        <CardBody>
          <ol className="divide-y divide-slate-100">
            {events.map((event) => {
              const described = describeSettingsEvent(event, names);
              return (
                <li key={event.id} className="py-3 first:pt-0 last:pb-0">
                  <p className="text-sm font-medium text-slate-900">{described.title}</p>
                  {described.sentences.length ? (
                    <ul className="mt-1 space-y-0.5 text-sm break-words text-slate-700">
                      {described.sentences.map((sentence, index) => (
                        <li key={index}>{sentence}</li>
                      ))}
                    </ul>
                  ) : null}
                  <p className="mt-1 text-xs text-slate-500">
                    <time dateTime={event.at.toISOString()}>{formatDateTime(event.at, timeZone)}</time> ·{" "}
                    {event.userId ? (userNames.get(event.userId) ?? "Former user") : "Factory"}
                  </p>
                </li>
              );
            })}
          </ol>
        </CardBody>
      )}
    </Card>
  );
}
