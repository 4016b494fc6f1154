import Link from "next/link";
import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAudit } from "@/lib/db/queries/audit";
import { listUsers } from "@/lib/db/queries/users";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { getXeroSettings, listTaxMappings, openDocumentsByTaxRate } from "@/lib/db/queries/xero-settings";
import { isXeroSimulator } from "@/lib/env";
import { unmappedTaxRatesInUse } from "@/lib/linking/unmapped-tax-rates";
import { learnedDailyLimit } from "@/lib/xero/rate-limit";
import { XeroError } from "@/lib/xero/api/errors";
import {
  accountsFor,
  loadReferenceData,
  staleAccountReason,
  staleTaxTypeReason,
  taxTypesFor,
  type XeroReferenceData,
} from "@/lib/xero/reference-data";
import { ConnectionCard } from "./_components/connection-card";
import { SettingsForm } from "./_components/settings-form";
import { SettingsHistory } from "./_components/settings-history";

export const metadata: Metadata = { title: "Xero" };

/** Outcomes of the connect round trip (app/api/xero/callback), as the admin reads them. */
const MESSAGES: Record<string, { tone: "success" | "warning" | "danger"; text: string }> = {
  connected: { tone: "success", text: "Connected to Xero." },
  access_denied: { tone: "warning", text: "You cancelled on Xero’s page, so nothing was connected." },
  state: {
    tone: "danger",
    text: "That Xero sign-in didn’t start from this browser, or it took too long. Connect again.",
  },
  exchange: { tone: "danger", text: "Xero didn’t complete the connection. Try connecting again." },
  xero: { tone: "danger", text: "Xero reported a problem with the connection request. Try again." },
  no_organisation: {
    tone: "warning",
    text: "No organisation was chosen on Xero’s page. Connect again and tick one.",
  },
  unavailable: { tone: "danger", text: "Xero can’t be reached right now. Try again in a few minutes." },
};

async function referenceData(): Promise<
  { data: XeroReferenceData; error: null } | { data: null; error: string }
> {
  try {
    return { data: await loadReferenceData(getDb()), error: null };
  } catch (error) {
    if (error instanceof XeroError) return { data: null, error: error.message };
    throw error;
  }
}

export default async function XeroPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; connected?: string }>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const db = getDb();
  const stored = await getXeroConnection(db);
  const reference = stored?.status === "connected" ? await referenceData() : null;
  const [connection, settings, mappings, settingsEvents, connectionEvents, users, taxRateUses] =
    await Promise.all([
      // Read after the reference data so "calls left today" includes those two calls.
      getXeroConnection(db),
      getXeroSettings(db),
      listTaxMappings(db),
      listAudit(db, { entityType: "xero_settings", limit: 20 }),
      listAudit(db, { entityType: "xero_connection", limit: 20 }),
      listUsers(db),
      openDocumentsByTaxRate(db),
    ]);
  const dayLimit = connection ? await learnedDailyLimit(db, connection.tenantId) : null;
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const events = [...settingsEvents, ...connectionEvents]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 20);
  const notice = MESSAGES[params.error ?? (params.connected ? "connected" : "")];
  const accounts = reference?.data?.accounts ?? [];
  const taxTypes = reference?.data?.taxTypes ?? [];
  const asOption = (a: { code: string; name: string }) => ({ value: a.code, label: `${a.code} — ${a.name}` });
  const asTaxOption = (t: { taxType: string; name: string; rate: number }) => ({
    value: t.taxType,
    label: `${t.name} (${t.rate}%)`,
  });
  const checkable = reference?.data !== undefined && reference.data !== null;
  // A rate left unmapped on a side open documents use: those documents can't be sent until it is.
  const unmapped = unmappedTaxRatesInUse(mappings, taxRateUses);
  const inUse = (taxRateId: string, side: "sales" | "purchases") => {
    const found = unmapped.find((u) => u.taxRateId === taxRateId && u.side === side);
    return found
      ? `Not mapped, and ${found.documents} open ${found.documents === 1 ? "document uses" : "documents use"} it`
      : undefined;
  };

  return (
    <>
      <PageHeader
        title="Xero"
        description={
          isXeroSimulator()
            ? "Demo Xero: Factory is connected to the built-in Xero simulator, not real Xero."
            : "The Xero organisation Factory books into, and how it sends to it."
        }
        actions={
          connection?.status === "connected" ? (
            <>
              <Button asChild variant="secondary">
                <Link href="/xero/import">Import contacts from Xero</Link>
              </Button>
              <Button asChild variant="secondary">
                <Link href="/xero/sync-log">Sync log</Link>
              </Button>
            </>
          ) : null
        }
      />
      <div className="space-y-6">
        {notice ? (
          <Alert tone={notice.tone} role={notice.tone === "danger" ? "alert" : "status"}>
            {notice.text}
          </Alert>
        ) : null}
        <ConnectionCard
          connection={connection}
          connectedByName={connection?.connectedBy ? (userNames.get(connection.connectedBy) ?? null) : null}
          dayLimit={dayLimit}
        />
        {connection?.status === "connected" ? (
          <SettingsForm
            defaultValues={{
              ...settings,
              taxMappings: mappings.map((m) => ({
                taxRateId: m.taxRateId,
                salesTaxType: m.salesTaxType,
                purchaseTaxType: m.purchaseTaxType,
              })),
            }}
            salesAccounts={accountsFor(accounts, "sales").map(asOption)}
            purchaseAccounts={accountsFor(accounts, "purchases").map(asOption)}
            salesTaxTypes={taxTypesFor(taxTypes, "sales").map(asTaxOption)}
            purchaseTaxTypes={taxTypesFor(taxTypes, "purchases").map(asTaxOption)}
            salesAccountStale={
              checkable ? staleAccountReason(settings.salesAccountCode, accounts, "sales") : undefined
            }
            purchaseAccountStale={
              checkable ? staleAccountReason(settings.purchaseAccountCode, accounts, "purchases") : undefined
            }
            taxMappings={mappings.map((m) => ({
              taxRateId: m.taxRateId,
              name: `${m.taxRateName}${m.active ? "" : " (inactive)"}`,
              salesStale:
                (checkable ? staleTaxTypeReason(m.salesTaxType, taxTypes, "sales") : undefined) ??
                inUse(m.taxRateId, "sales"),
              purchaseStale:
                (checkable ? staleTaxTypeReason(m.purchaseTaxType, taxTypes, "purchases") : undefined) ??
                inUse(m.taxRateId, "purchases"),
            }))}
            referenceError={reference?.error ?? null}
          />
        ) : null}
        <SettingsHistory
          events={events}
          userNames={userNames}
          names={{
            taxRates: new Map(mappings.map((m) => [m.taxRateId, m.taxRateName])),
            taxTypes: new Map(taxTypes.map((t) => [t.taxType, t.name])),
            accounts: new Map(accounts.map((a) => [a.code, `${a.code} — ${a.name}`])),
          }}
        />
      </div>
    </>
  );
}
