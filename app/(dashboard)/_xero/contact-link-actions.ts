"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { contactReadBackStamp } from "@/lib/db/queries/contact-read-back";
import { logger } from "@/lib/ops/logger";
import { resumeContactHolds } from "@/lib/sync/resume";
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
  // Documents held for the party's contact (unlinked, or archived in Xero) go now, not at the sweep.
  await resumeContactHolds(getDb()).catch((error: unknown) =>
    logger.warn({ err: error }, "Held documents not resumed after linking; the minute's sweep will."),
  );
  refresh(input.kind, input.partyId);
  return outcome;
});

/** What Factory knows of the record's Xero contact now, for a Xero card that refreshes when it changes. */
export const contactStamp = authedAction(partyRefSchema, async ({ kind, partyId }) =>
  contactReadBackStamp(getDb(), kind, partyId),
);

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
