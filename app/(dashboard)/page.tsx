import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { learnedDailyLimit } from "@/lib/xero/rate-limit";
import { RecordSummary } from "./_components/record-summary";
import { XeroConnectionSummary } from "./_components/xero-connection-summary";
import { OwedSummary } from "./_sync/owed-summary";
import { SyncOverview } from "./_sync/sync-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const db = getDb();
  const connection = await getXeroConnection(db);
  const dayLimit = connection ? await learnedDailyLimit(db, connection.tenantId) : null;
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name.split(" ")[0]}`}
        description="Your records and their state in Xero at a glance."
      />
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        <XeroConnectionSummary connection={connection} dayLimit={dayLimit} isAdmin={user.role === "admin"} />
        <SyncOverview isAdmin={user.role === "admin"} />
        <OwedSummary />
        <RecordSummary />
      </div>
    </>
  );
}
