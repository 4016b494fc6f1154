import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { UserMenu } from "@/components/shell/user-menu";
import { Badge } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth/session";
import { isXeroSimulator } from "@/lib/env";
import { signOutUser } from "./actions";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
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
          <UserMenu name={user.name} email={user.email} role={user.role} signOut={signOutUser} />
        </div>
      }
    >
      {children}
    </AppShell>
  );
}
