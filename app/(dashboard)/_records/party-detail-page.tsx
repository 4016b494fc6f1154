import { Pencil } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DefinitionList } from "@/components/records/definition-list";
import { RecordActions } from "@/components/records/record-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ActionResult } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findParty } from "@/lib/db/queries/parties";
import type { Address, Party, PartyKind } from "@/lib/db/schema";
import { PARTY_LABELS, partyDeleteBlocker } from "@/lib/factory/parties";
import { describePaymentTerms } from "@/lib/factory/party-schema";
import { isUuid } from "@/lib/ui/list-params";
import { formatDate } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { ContactLinkSection } from "../_xero/contact-link-section";

type TargetAction = (input: { id: string; version: number }) => Promise<ActionResult<unknown>>;

/** The party a route's [id] names, or the 404 page. */
export async function loadParty(kind: PartyKind, id: string): Promise<Party> {
  const party = isUuid(id) ? await findParty(getDb(), kind, id) : undefined;
  if (!party) notFound();
  return party;
}

function formatAddress(address: Address | null) {
  if (!address) return null;
  const lines = [
    address.line1,
    address.line2,
    [address.city, address.postcode].filter(Boolean).join(" "),
    address.region,
    address.country,
  ];
  return (
    <address className="not-italic">
      {lines.filter(Boolean).map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

/** A customer's or supplier's page: its details, what can be done with it, and its Xero link. */
export async function PartyDetailPage({
  kind,
  id,
  actions,
}: {
  kind: PartyKind;
  id: string;
  actions: { archive: TargetAction; unarchive: TargetAction; remove: TargetAction };
}) {
  await requireUser();
  const db = getDb();
  const party = await loadParty(kind, id);
  const timeZone = await getTimeZone();
  const blocker = await partyDeleteBlocker(db, kind, party);
  const { one, many, path } = PARTY_LABELS[kind];

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={path} className="hover:underline">
            {many[0]!.toUpperCase() + many.slice(1)}
          </Link>
        }
        title={party.name}
        description={party.code}
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href={`${path}/${party.id}/edit`}>
                <Pencil aria-hidden />
                Edit
              </Link>
            </Button>
            <RecordActions
              noun={one}
              id={party.id}
              version={party.version}
              listHref={path}
              archive={{
                archived: party.archivedAt !== null,
                onArchive: actions.archive,
                onUnarchive: actions.unarchive,
              }}
              remove={{ action: actions.remove, blocker }}
            />
          </>
        }
      />
      {party.archivedAt ? (
        <Alert tone="warning" className="mb-6">
          Archived on {formatDate(party.archivedAt, timeZone)}. It is hidden from lists and pickers; unarchive
          it to use it again.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <DefinitionList
                items={[
                  { label: "Code", value: party.code },
                  { label: "Email", value: party.email },
                  { label: "Phone", value: party.phone },
                  { label: "Mobile", value: party.mobile },
                  { label: "Tax number", value: party.taxNumber },
                  { label: "Currency", value: party.currency },
                  {
                    label: "Payment terms",
                    value: describePaymentTerms(party.paymentTermsType, party.paymentTermsDay),
                  },
                ]}
              />
            </CardBody>
          </Card>
          <div className="grid gap-6 sm:grid-cols-2">
            <Card>
              <CardHeader title="Billing address" />
              <CardBody className="text-sm">
                {formatAddress(party.billingAddress) ?? <span className="text-slate-400">None</span>}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Delivery address" />
              <CardBody className="text-sm">
                {formatAddress(party.deliveryAddress) ?? <span className="text-slate-400">None</span>}
              </CardBody>
            </Card>
          </div>
          <Card>
            <CardHeader title="Contact people" />
            {party.contactPeople.length === 0 ? (
              <CardBody className="text-sm text-slate-500">No contact people.</CardBody>
            ) : (
              <Table>
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Role</Th>
                    <Th>Email</Th>
                    <Th>Phone</Th>
                  </tr>
                </thead>
                <tbody>
                  {party.contactPeople.map((person, index) => (
                    <Tr key={index}>
                      <Td className="font-medium">{person.name}</Td>
                      <Td>{person.role}</Td>
                      <Td>{person.email}</Td>
                      <Td>{person.phone}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
          {party.notes ? (
            <Card>
              <CardHeader title="Notes" />
              <CardBody className="text-sm whitespace-pre-wrap">{party.notes}</CardBody>
            </Card>
          ) : null}
        </div>

        <section aria-label="Xero" className="space-y-6">
          <ContactLinkSection kind={kind} party={party} />
        </section>
      </div>
    </>
  );
}
