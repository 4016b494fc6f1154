import { ContactLinkEditor, type ContactReadBackView } from "@/components/xero/contact-link-editor";
import { ContactWatch } from "@/components/xero/contact-watch";
import { getDb, type Db } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { listAudit } from "@/lib/db/queries/audit";
import { contactReadBackStamp } from "@/lib/db/queries/contact-read-back";
import {
  cachedContactNames,
  findCachedContact,
  findContactIssue,
  findPartyLinkedTo,
} from "@/lib/db/queries/xero-links";
import type { Party, PartyKind } from "@/lib/db/schema";
import { findLikelyContacts, getXeroContacts } from "@/lib/linking/contacts";
import { xeroContactUrl } from "@/lib/xero/deep-links";
import { xeroSimulatorOrigin } from "@/lib/xero/web";
import { formatDate } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { XeroError } from "@/lib/xero/api/errors";
import { contactShortenings, type ContactSummary, type XeroContactStatus } from "@/lib/xero/mappers/contact";
import {
  contactStamp,
  createContact,
  linkContact,
  resendContactDetails,
  searchContacts,
  unlinkContact,
} from "./contact-link-actions";

/** The cached contact is shown as is for this long; older, the page asks Xero again (one call). */
const CACHE_FRESH_MS = 15 * 60_000;

/** Xero being slow or away must not break the record's page: it shows what Factory knows. */
async function orNothing<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof XeroError) return fallback;
    throw error;
  }
}

/** The linked contact as Factory knows it, refreshed from Xero when the cached copy is old. */
async function linkedContact(
  db: Db,
  contactId: string,
  connected: boolean,
): Promise<ContactSummary | undefined> {
  const cached = await findCachedContact(db, contactId);
  const known = cached ? { ...cached, status: cached.status as XeroContactStatus } : undefined;
  if (!connected || (cached && Date.now() - cached.fetchedAt.getTime() < CACHE_FRESH_MS)) return known;
  return (await orNothing(getXeroContacts(db, [contactId]), []))[0] ?? known;
}

/** The Xero card of a customer or supplier page: the link, its problems and the ways to change it. */
export async function ContactLinkSection({ kind, party }: { kind: PartyKind; party: Party }) {
  const db = getDb();
  const [connection, issue] = await Promise.all([
    getXeroConnection(db),
    findContactIssue(db, kind, party.id),
  ]);
  const connected = connection?.status === "connected";
  const contact = party.xeroContactId ? await linkedContact(db, party.xeroContactId, connected) : undefined;
  const matches =
    !party.xeroContactId && issue?.kind === "create_failed" && connected
      ? await orNothing(findLikelyContacts(db, party), [])
      : [];
  const [readBack, stamp] = await Promise.all([
    contactReadBack(db, kind, party),
    contactReadBackStamp(db, kind, party.id),
  ]);
  return (
    <>
      <ContactWatch stamp={stamp} watch={contactStamp.bind(null, { kind, partyId: party.id })} />
      <ContactLinkEditor
        actions={{
          search: searchContacts,
          link: linkContact,
          unlink: unlinkContact,
          create: createContact,
          resend: resendContactDetails,
        }}
        kind={kind}
        partyId={party.id}
        partyCode={party.code}
        linkedContactId={party.xeroContactId}
        contact={contact ? pickSummary(contact) : null}
        contactUrl={
          party.xeroContactId && connection?.shortCode
            ? xeroContactUrl(connection.shortCode, party.xeroContactId, xeroSimulatorOrigin())
            : null
        }
        issue={issue ? { kind: issue.kind, message: issue.message } : null}
        matches={matches.map((m) => ({ reason: m.reason, contact: pickSummary(m.candidate) }))}
        connected={connected}
        notes={contactShortenings(kind, party)}
        partyName={party.name}
        readBack={readBack}
      />
    </>
  );
}

/**
 * What read-back learnt of the linked contact that the card tells staff: a merge in Xero Factory
 * could not follow (and why), and the merges it followed, as sentences from the record's history.
 */
async function contactReadBack(db: Db, kind: PartyKind, party: Party): Promise<ContactReadBackView> {
  const timeZone = await getTimeZone();
  const cached = party.xeroContactId ? await findCachedContact(db, party.xeroContactId) : undefined;
  let unfollowedMerge: ContactReadBackView["unfollowedMerge"] = null;
  if (cached?.mergedToContactId && cached.status === "ARCHIVED") {
    const into = await findCachedContact(db, cached.mergedToContactId);
    const other = await findPartyLinkedTo(db, kind, cached.mergedToContactId, party.id);
    const name = into?.name ?? "another contact";
    unfollowedMerge = {
      into: name,
      reason: other
        ? `"${name}" is already linked to ${other.code} ${other.name}.`
        : into && into.status !== "ACTIVE"
          ? `"${name}" is archived in Xero too.`
          : `Factory could not link "${name}".`,
    };
  }
  const merges = await listAudit(db, {
    entityType: kind,
    entityId: party.id,
    action: "xero_contact_merged",
  });
  const names = await cachedContactNames(
    db,
    merges
      .flatMap((event) => [mergeSide(event.before).contactId, mergeSide(event.after).contactId])
      .filter((id): id is string => !!id),
  );
  const nameOf = (side: { contactId?: string; name?: string }) =>
    side.name ?? (side.contactId ? names.get(side.contactId) : undefined) ?? "a contact";
  return {
    unfollowedMerge,
    mergesFollowed: merges.map(
      (event) =>
        `Xero merged "${nameOf(mergeSide(event.before))}" into "${nameOf(mergeSide(event.after))}"; Factory followed on ${formatDate(event.at, timeZone)} and linked this ${kind} to "${nameOf(mergeSide(event.after))}".`,
    ),
  };
}

const mergeSide = (value: unknown): { contactId?: string; name?: string } => {
  if (typeof value !== "object" || value === null) return {};
  const side = value as Record<string, unknown>;
  return {
    contactId: typeof side.xeroContactId === "string" ? side.xeroContactId : undefined,
    name: typeof side.name === "string" ? side.name : undefined,
  };
};

/** Only the summary's fields cross to the browser (the cache row has more). */
function pickSummary(contact: ContactSummary): ContactSummary {
  const { contactId, name, contactNumber, email, status, isCustomer, isSupplier } = contact;
  return { contactId, name, contactNumber, email, status, isCustomer, isSupplier };
}
