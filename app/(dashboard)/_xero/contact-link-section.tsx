import { ContactLinkEditor } from "@/components/xero/contact-link-editor";
import { getDb, type Db } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { findCachedContact, findContactIssue } from "@/lib/db/queries/xero-links";
import type { Party, PartyKind } from "@/lib/db/schema";
import { findLikelyContacts, getXeroContacts } from "@/lib/linking/contacts";
import { xeroContactUrl } from "@/lib/xero/deep-links";
import { xeroSimulatorOrigin } from "@/lib/xero/web";
import { XeroError } from "@/lib/xero/api/errors";
import { contactShortenings, type ContactSummary, type XeroContactStatus } from "@/lib/xero/mappers/contact";
import {
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
  return (
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
    />
  );
}

/** Only the summary's fields cross to the browser (the cache row has more). */
function pickSummary(contact: ContactSummary): ContactSummary {
  const { contactId, name, contactNumber, email, status, isCustomer, isSupplier } = contact;
  return { contactId, name, contactNumber, email, status, isCustomer, isSupplier };
}
