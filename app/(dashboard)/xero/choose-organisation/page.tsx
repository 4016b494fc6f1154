import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import {
  countXeroLinks,
  findPendingAuthorisation,
  getXeroConnection,
} from "@/lib/db/queries/xero-connection";
import { ChooseOrganisationForm } from "./_components/choose-organisation-form";

export const metadata: Metadata = { title: "Choose your Xero organisation" };

export default async function ChooseOrganisationPage({
  searchParams,
}: {
  searchParams: Promise<{ pending?: string }>;
}) {
  const user = await requireAdmin();
  const { pending: pendingId = "" } = await searchParams;
  const db = getDb();
  const uuid = /^[0-9a-f-]{36}$/i.test(pendingId);
  const [pending, previous, links] = await Promise.all([
    uuid ? findPendingAuthorisation(db, pendingId, user.id) : undefined,
    getXeroConnection(db),
    countXeroLinks(db),
  ]);

  return (
    <>
      <PageHeader
        title="Choose your Xero organisation"
        breadcrumb={<Link href="/xero">Xero</Link>}
        description="Factory books into one organisation. The others you authorised are disconnected from Factory."
      />
      <Card>
        <CardHeader title="Organisations you authorised" />
        {pending ? (
          <CardBody>
            <ChooseOrganisationForm
              pendingId={pending.id}
              organisations={pending.tenants.map((t) => ({ tenantId: t.tenantId, name: t.tenantName }))}
              previous={
                previous && links > 0
                  ? { tenantId: previous.tenantId, name: previous.organisationName, links }
                  : null
              }
            />
          </CardBody>
        ) : (
          <EmptyState
            title="This connection attempt has expired"
            description="Start again from the Xero page."
            action={
              <Link href="/xero" className="text-sm font-medium text-blue-700 underline">
                Back to Xero
              </Link>
            }
          />
        )}
      </Card>
    </>
  );
}
