import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { UserMenu } from "@/components/shell/user-menu";
import { XeroReconnectBanner } from "@/components/shell/xero-reconnect-banner";
import { Badge } from "@/components/ui/badge";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { refuseBeforeStreaming, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { isXeroSimulator } from "@/lib/env";
import { getTimeZone } from "@/lib/ui/time-zone";
import { signOutEverywhere, signOutUser } from "./actions";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  await refuseBeforeStreaming(user);
  const connection = user.role === "admin" ? await getXeroConnection(getDb()) : undefined;
  const timeZone = await getTimeZone();
  return (
    <AppShell
      isAdmin={user.role === "admin"}
      header={
        <div className="flex flex-1 items-center justify-between gap-3">
          <div>
            {isXeroSimulator() ? (
              <Badge tone="warning" title="Connected to the built-in Xero simulator, not real Xero">
                Demo Xero
              </Badge>
            ) : null}
          </div>
          <UserMenu
            name={user.name}
            email={user.email}
            role={user.role}
            signOut={signOutUser}
            signOutEverywhere={signOutEverywhere}
          />
        </div>
      }
    >
      {connection?.status === "needs_reconnect" ? (
        <XeroReconnectBanner organisationName={connection.organisationName} />
      ) : null}
      <TimeZoneProvider timeZone={timeZone}>{children}</TimeZoneProvider>
    </AppShell>
  );
}
