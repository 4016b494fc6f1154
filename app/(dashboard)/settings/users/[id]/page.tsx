import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { SESSION_MAX_AGE_SECONDS, sessionStatus } from "@/lib/auth/session-status";
import { currentSessionId, requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUserSessions } from "@/lib/db/queries/user-sessions";
import { findUserById } from "@/lib/db/queries/users";
import { isUuid } from "@/lib/ui/list-params";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { SignOutEverywhereButton } from "../_components/sign-out-everywhere-button";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const timeZone = await getTimeZone();
  const { id } = await params;
  const db = getDb();
  const user = isUuid(id) ? await findUserById(db, id) : undefined;
  if (!user) notFound();
  const [sessions, thisSessionId] = await Promise.all([listUserSessions(db, user.id), currentSessionId()]);
  const statuses = new Map(sessions.map((session) => [session.id, sessionStatus(session)]));
  const openCount = [...statuses.values()].filter((status) => status.open).length;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/settings/users" className="hover:underline">
            Users
          </Link>
        }
        title={user.name}
        description={`${user.email} · ${user.role === "admin" ? "Admin" : "Staff"}${user.active ? "" : " · Deactivated"}`}
        actions={<SignOutEverywhereButton userId={user.id} name={user.name} disabled={openCount === 0} />}
      />
      <Card>
        <CardHeader
          title="Sessions"
          description={`${openCount} active. Each sign-in is a session; it ends at sign-out or after ${SESSION_MAX_AGE_SECONDS / 3600} hours unused.`}
        />
        <Table>
          <thead>
            <tr>
              <Th>Signed in</Th>
              <Th>From</Th>
              <Th>Browser</Th>
              <Th>Last seen</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {sessions.length === 0 ? (
              <Tr>
                <Td colSpan={5} className="text-slate-500">
                  No sign-ins yet.
                </Td>
              </Tr>
            ) : null}
            {sessions.map((session) => {
              const status = statuses.get(session.id)!;
              return (
                <Tr key={session.id}>
                  <Td>
                    {formatDateTime(session.createdAt, timeZone)}
                    {session.id === thisSessionId ? (
                      <span className="ml-2 text-xs text-slate-500">(this browser)</span>
                    ) : null}
                  </Td>
                  <Td className="font-mono text-xs">{session.ipAddress ?? "Unknown"}</Td>
                  <Td className="max-w-xs truncate text-slate-500" title={session.userAgent ?? undefined}>
                    {session.userAgent ?? "Unknown"}
                  </Td>
                  <Td>{formatDateTime(session.lastSeenAt, timeZone)}</Td>
                  <Td>
                    <Badge tone={status.open ? "success" : "neutral"}>{status.label}</Badge>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
