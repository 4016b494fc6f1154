import Link from "next/link";
import { PartyForm } from "@/components/records/party-form";
import { PageHeader } from "@/components/ui/page-header";
import type { ActionResult } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import type { PartyKind } from "@/lib/db/schema";
import { currencyChoices } from "@/lib/factory/currencies";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";
import { PARTY_LABELS } from "@/lib/factory/parties";
import { partyFormDefaults, type CreatePartyInput, type UpdatePartyInput } from "@/lib/factory/party-schema";
import { newPartyXeroDefaults } from "../_xero/new-party-xero-defaults";
import { loadParty } from "./party-detail-page";

export async function NewPartyPage({
  kind,
  action,
}: {
  kind: PartyKind;
  action: (input: CreatePartyInput & { createInXero: boolean }) => Promise<ActionResult<{ id: string }>>;
}) {
  await requireUser();
  const { one, many, path } = PARTY_LABELS[kind];
  const [xero, currencies] = await Promise.all([newPartyXeroDefaults(kind), loadCurrencySettings(getDb())]);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={path} className="hover:underline">
            {many[0]!.toUpperCase() + many.slice(1)}
          </Link>
        }
        title={`New ${one}`}
        description={`Factory gives it the next ${kind === "customer" ? "C-" : "S-"} code when you save.`}
      />
      <PartyForm
        mode="create"
        kind={kind}
        createInXero={xero}
        defaultValues={partyFormDefaults({ currency: currencies.defaultCurrency })}
        currencies={currencyChoices(currencies)}
        cancelHref={path}
        action={action}
      />
    </>
  );
}

export async function EditPartyPage({
  kind,
  id,
  action,
}: {
  kind: PartyKind;
  id: string;
  action: (input: UpdatePartyInput) => Promise<ActionResult<{ id: string }>>;
}) {
  await requireUser();
  const party = await loadParty(kind, id);
  const currencies = currencyChoices(await loadCurrencySettings(getDb()), party.currency);
  const { path } = PARTY_LABELS[kind];
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`${path}/${party.id}`} className="hover:underline">
            {party.name}
          </Link>
        }
        title={`Edit ${party.name}`}
        description={party.code}
      />
      <PartyForm
        mode="edit"
        kind={kind}
        id={party.id}
        version={party.version}
        defaultValues={partyFormDefaults(party)}
        currencies={currencies}
        cancelHref={`${path}/${party.id}`}
        action={action}
      />
    </>
  );
}
