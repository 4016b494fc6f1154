import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { isLastActiveAdmin } from "@/lib/auth/last-admin";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/queries/users";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { CreateUserDialog } from "./_components/create-user-dialog";
import { UserRowActions } from "./_components/user-row-actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireAdmin();
  const timeZone = await getTimeZone();
  const users = await listUsers(getDb());
  const activeAdmins = users.filter((user) => user.role === "admin" && user.active).length;
  return (
    <>
      <PageHeader
        title="Users"
        description="Staff accounts that can sign in to Factory. Admins also manage Xero and other users."
        actions={<CreateUserDialog />}
      />
      <Card>
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <Tr key={user.id}>
                <Td className="font-medium">
                  <Link href={`/settings/users/${user.id}`} className="hover:underline">
                    {user.name}
                  </Link>
                  {user.id === me.id ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                </Td>
                <Td>{user.email}</Td>
                <Td>
                  <Badge tone={user.role === "admin" ? "info" : "neutral"}>
                    {user.role === "admin" ? "Admin" : "Staff"}
                  </Badge>
                </Td>
                <Td>
                  <Badge tone={user.active ? "success" : "neutral"}>
                    {user.active ? "Active" : "Deactivated"}
                  </Badge>
                </Td>
                <Td className="text-slate-500">
                  {user.lastSignInAt ? formatDateTime(user.lastSignInAt, timeZone) : "Never"}
                </Td>
                <Td className="text-right">
                  <UserRowActions
                    user={{ id: user.id, name: user.name, role: user.role, active: user.active }}
                    isSelf={user.id === me.id}
                    lastAdmin={isLastActiveAdmin(user, activeAdmins)}
                  />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
