import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import type { PartyKind } from "@/lib/db/schema";
import { createParty, deleteParty, PARTY_LABELS, setPartyArchived, updateParty } from "@/lib/factory/parties";
import { createPartySchema, partyTargetSchema, updatePartySchema } from "@/lib/factory/party-schema";
import { createContactForNewParty } from "@/lib/linking/contacts";
import { alsoCreateInXeroSchema } from "../_xero/contact-link-schema";

/**
 * The server actions of customers or suppliers: identical rules, so one builder. Each route's
 * actions.ts ("use server") exports the ones for its kind.
 */
export function partyActions(kind: PartyKind) {
  const { path } = PARTY_LABELS[kind];
  return {
    create: authedAction(createPartySchema.and(alsoCreateInXeroSchema), async (input, { user }) => {
      const { createInXero, ...fields } = input;
      const { party, created } = await createParty(getDb(), kind, fields, user.id);
      // The record is saved whatever Xero says; the outcome (linked, a look-alike to decide on,
      // or waiting for Xero) shows on the record's page.
      if (createInXero && created) await createContactForNewParty(getDb(), { kind, id: party.id }, user.id);
      revalidatePath(path);
      return { id: party.id };
    }),
    update: authedAction(updatePartySchema, async (input, { user }) => {
      const party = await updateParty(getDb(), kind, input, user.id);
      revalidatePath(path);
      return { id: party.id, version: party.version };
    }),
    archive: authedAction(partyTargetSchema, async (input, { user }) => {
      const party = await setPartyArchived(getDb(), kind, { ...input, archived: true }, user.id);
      revalidatePath(path);
      return { id: party.id };
    }),
    unarchive: authedAction(partyTargetSchema, async (input, { user }) => {
      const party = await setPartyArchived(getDb(), kind, { ...input, archived: false }, user.id);
      revalidatePath(path);
      return { id: party.id };
    }),
    remove: authedAction(partyTargetSchema, async (input, { user }) => {
      await deleteParty(getDb(), kind, input, user.id);
      revalidatePath(path);
    }),
  };
}
