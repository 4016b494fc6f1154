"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import type { PartyKind } from "@/lib/db/schema";
import { PARTY_LABELS } from "@/lib/factory/parties";
import {
  ensureXeroContact,
  linkPartyToContact,
  pushContactDetails,
  searchXeroContacts,
  unlinkParty,
} from "@/lib/linking/contacts";
import type { ContactSummary } from "@/lib/xero/mappers/contact";
import {
  contactSearchSchema,
  createContactSchema,
  linkContactSchema,
  partyRefSchema,
} from "./contact-link-schema";

function refresh(kind: PartyKind, partyId: string) {
  const { path } = PARTY_LABELS[kind];
  revalidatePath(`${path}/${partyId}`);
  revalidatePath(path);
}

export const searchContacts = authedAction(contactSearchSchema, async ({ term }): Promise<ContactSummary[]> =>
  searchXeroContacts(getDb(), term),
);

export const linkContact = authedAction(linkContactSchema, async (input, { user }) => {
  const outcome = await linkPartyToContact(
    getDb(),
    { kind: input.kind, id: input.partyId },
    {
      contactId: input.contactId,
      restore: input.restore,
      writeContactNumber: input.writeContactNumber,
      userId: user.id,
    },
  );
  refresh(input.kind, input.partyId);
  return outcome;
});

export const unlinkContact = authedAction(partyRefSchema, async (input, { user }) => {
  await unlinkParty(getDb(), { kind: input.kind, id: input.partyId }, user.id);
  refresh(input.kind, input.partyId);
});

/** "Create in Xero" on an unlinked record, "Create anyway" after seeing look-alikes, or "Try again". */
export const createContact = authedAction(createContactSchema, async (input, { user }) => {
  const outcome = await ensureXeroContact(
    getDb(),
    { kind: input.kind, id: input.partyId },
    { userId: user.id, createAnyway: input.createAnyway },
  );
  refresh(input.kind, input.partyId);
  return outcome.status === "linked"
    ? { status: outcome.status }
    : { status: outcome.status, message: outcome.message };
});

/** "Send the details again" after Xero refused an update (say, a rename onto a name it holds). */
export const resendContactDetails = authedAction(partyRefSchema, async (input) => {
  const outcome = await pushContactDetails(getDb(), { kind: input.kind, id: input.partyId });
  refresh(input.kind, input.partyId);
  return { outcome };
});
