import { isDeepStrictEqual } from "node:util";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { findParty, lockPartyContact } from "@/lib/db/queries/parties";
import {
  cacheContacts,
  clearContactIssue,
  contactSettings,
  findContactIssue,
  findPartyLinkedTo,
  findSentDetails,
  saveSentDetails,
  setContactIssue,
  setPartyContactLink,
} from "@/lib/db/queries/xero-links";
import type { ContactDetailsSnapshot, Party, PartyKind } from "@/lib/db/schema";
import { RecordError } from "@/lib/errors";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";
import { currencyNotEnabled } from "@/lib/factory/currencies";
import {
  contactDetails,
  contactDetailsUpdate,
  knownContactDetails,
  newContactPayload,
  toContactSummary,
  type ContactSummary,
  type XeroContact,
} from "@/lib/xero/mappers/contact";
import { createContact, getContactsPage, updateContact } from "@/lib/xero/api/contacts";
import { XeroError } from "@/lib/xero/api/errors";
import { findContactMatches, nameSearchWord, normaliseName, type ContactMatch } from "./matching";
import { describeLookAlikes } from "./match-wording";
import { withXero } from "@/lib/xero/api/session";

/**
 * Linking Factory customers and suppliers to Xero contacts: search, link, unlink, create with a
 * duplicate check first, and keeping linked contacts current. Every Xero call goes through
 * `withXero`; every link change is audited in the same transaction as the change.
 */

/** Names are at most 255 characters in Xero (xero_accounting.yaml `Contact.Name`): a longer term matches nothing. */
export const MAX_SEARCH_TERM_LENGTH = 255;

/** Enough for a type-ahead list; Xero pages contacts (docs/xero/api-behaviour.md#paging), one small page is one call. */
const SEARCH_PAGE_SIZE = 20;

/** Looking for likely duplicates reads one page of the name's most selective word. */
const MATCH_PAGE_SIZE = 100;

/** Who a record belongs to in the link, for messages and the audit. */
export interface PartyRef {
  kind: PartyKind;
  id: string;
}

/**
 * The organisation's contacts whose name, first or last name, contact number or email contains
 * `term` (Xero's server-side `searchTerm`, case-insensitive; docs/xero/api-behaviour.md#paging), name order.
 * Quotes, `%` and any unicode go to Xero as data in the query string, never into a `where` clause.
 */
export async function searchXeroContacts(
  db: Db,
  term: string,
  options: { includeArchived?: boolean } = {},
): Promise<ContactSummary[]> {
  const trimmed = term.trim();
  if (!trimmed || trimmed.length > MAX_SEARCH_TERM_LENGTH) return [];
  const { contacts } = await withXero(db, (api) =>
    getContactsPage(api, {
      order: "Name ASC",
      page: 1,
      includeArchived: options.includeArchived ?? true,
      summaryOnly: true,
      searchTerm: trimmed,
      pageSize: SEARCH_PAGE_SIZE,
    }),
  );
  return contacts.map(toContactSummary);
}

/** Contacts by ContactID, archived ones included (Xero returns them when named by ID). */
export async function getXeroContacts(db: Db, contactIds: string[]): Promise<ContactSummary[]> {
  if (contactIds.length === 0) return [];
  const { contacts } = await withXero(db, (api) =>
    getContactsPage(api, { ids: contactIds, page: 1, includeArchived: true, summaryOnly: true }),
  );
  const found = contacts.map(toContactSummary);
  await cacheContacts(db, found);
  return found;
}

/** A string literal for Xero's `where` filter: backslashes and double quotes escaped. */
function whereString(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * Xero contacts that look like `party`, archived ones included, strongest match first (see
 * `matchReason`). Two calls: one `where` for the exact keys (ContactNumber, email), one
 * `searchTerm` page for names that differ only in case, spacing, punctuation or legal suffix.
 */
export async function findLikelyContacts(
  db: Db,
  party: Pick<Party, "code" | "name" | "email" | "xeroContactId">,
): Promise<ContactMatch<ContactSummary>[]> {
  const keys = [`ContactNumber==${whereString(party.code)}`];
  if (party.email?.trim())
    keys.push(`EmailAddress.ToLower()==${whereString(party.email.trim().toLowerCase())}`);
  const word = nameSearchWord(party.name);
  const candidates = await withXero(db, async (api) => {
    const archivedToo = { page: 1, includeArchived: true, summaryOnly: true };
    const results = await Promise.all([
      getContactsPage(api, { ...archivedToo, where: keys.join(" || ") }),
      word
        ? getContactsPage(api, { ...archivedToo, searchTerm: word, pageSize: MATCH_PAGE_SIZE })
        : undefined,
    ]);
    return results.flatMap((result) => result?.contacts ?? []).map(toContactSummary);
  });
  return findContactMatches(party, candidates);
}

/** The outcome of {@link ensureXeroContact}. */
export type EnsureContactOutcome =
  /** The record is linked (now or already); `created` says whether a new Xero contact was made. */
  | { status: "linked"; contactId: string; created: boolean }
  /**
   * A person must decide: Xero has contacts that look like this record (`possible_match`), or Xero
   * refused the name because an active contact already has it (`name_taken`, with Xero's message).
   * The problem is also stored on the record, where its page offers "Link to this contact",
   * "Restore and link" or "Create anyway".
   */
  | {
      status: "needs_decision";
      reason: "possible_match" | "name_taken";
      message: string;
      matches: ContactMatch<ContactSummary>[];
    }
  /** Xero refused the contact for another reason; its message is stored on the record. */
  | { status: "failed"; message: string };

/**
 * Makes sure a customer or supplier has a Xero contact: returns the linked ContactID, links the
 * contact that already carries the record's code (e.g. one created by an earlier attempt whose
 * answer was lost), creates a new contact (ContactNumber = the Factory code), or says a person must
 * decide because Xero holds a look-alike. The sync worker calls this before sending a document for
 * a record that is not linked yet ("contacts first").
 *
 * `createAnyway` skips the look-alike check: staff saw the candidates and chose a new contact.
 *
 * @throws {XeroError} when Xero can't be reached or the connection is unusable (the caller keeps the
 *   work and retries; see `lib/sync/contact-jobs.ts`).
 * @throws {RecordError} when the record no longer exists.
 */
export async function ensureXeroContact(
  db: Db,
  ref: PartyRef,
  options: { userId?: string | null; createAnyway?: boolean } = {},
): Promise<EnsureContactOutcome> {
  return onePartyAtATime(db, ref, () => ensureContactNow(db, ref, options));
}

/**
 * One contact per party, whoever asks first: every change of a party's contact (created by a
 * document's send, by "Create in Xero", by the contact jobs; linked, unlinked or updated) runs
 * under this party's lock, across processes (`lockPartyContact`, held by a transaction of its own while the
 * work runs). Whoever comes second finds the party as the first left it: linked, or with the
 * first's problem on it, never half-way.
 */
async function onePartyAtATime<T>(db: Db, ref: PartyRef, work: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockPartyContact(tx, ref.kind, ref.id);
    return work();
  });
}

async function ensureContactNow(
  db: Db,
  ref: PartyRef,
  options: { userId?: string | null; createAnyway?: boolean },
): Promise<EnsureContactOutcome> {
  const party = await loadParty(db, ref);
  if (party.xeroContactId) return { status: "linked", contactId: party.xeroContactId, created: false };
  const userId = options.userId ?? null;

  const matches = options.createAnyway ? [] : await findLikelyContacts(db, party);
  // Certain matches are linked rather than asked about: Factory's own code in ContactNumber with the
  // same name (say, created by an earlier attempt whose answer was lost), or the only look-alike
  // having the same name and the same email address. Anything less certain waits for a person.
  const sameName = (match: ContactMatch<ContactSummary>) =>
    match.candidate.status === "ACTIVE" && normaliseName(match.candidate.name) === normaliseName(party.name);
  const sameEmail = (match: ContactMatch<ContactSummary>) =>
    Boolean(party.email) && match.candidate.email?.trim().toLowerCase() === party.email?.trim().toLowerCase();
  const ours =
    matches.find((match) => match.reason === "contact_number" && sameName(match)) ??
    (matches.length === 1 && matches[0] && sameName(matches[0]) && sameEmail(matches[0])
      ? matches[0]
      : undefined);
  if (ours && !(await findPartyLinkedTo(db, ref.kind, ours.candidate.contactId, ref.id))) {
    await saveLink(db, ref, party, ours.candidate, userId, "xero_contact_linked");
    return { status: "linked", contactId: ours.candidate.contactId, created: false };
  }
  if (matches.length > 0) {
    const message = `Xero already has ${describeLookAlikes(matches)}. Link to it, or create a new contact anyway.`;
    await setContactIssue(db, { kind: ref.kind, partyId: ref.id, issue: "create_failed", message });
    return { status: "needs_decision", reason: "possible_match", message, matches };
  }

  const answer = await withXero(db, (api) =>
    createContact(
      api,
      newContactPayload(ref.kind, party),
      // Same record, same version: a retried create (lost answer, timeout) can't make a second contact.
      `contact-${ref.kind}-${party.id}-v${party.version}`,
    ),
  );
  if (!answer.ok) {
    const message = answer.errors.join("; ") || "Xero did not create the contact.";
    if (/already assigned to another contact|must be unique/i.test(message)) {
      const sameName = await findLikelyContacts(db, { ...party, code: "", email: null, xeroContactId: null });
      await setContactIssue(db, { kind: ref.kind, partyId: ref.id, issue: "create_failed", message });
      return { status: "needs_decision", reason: "name_taken", message, matches: sameName };
    }
    await setContactIssue(db, { kind: ref.kind, partyId: ref.id, issue: "create_failed", message });
    return { status: "failed", message };
  }
  const created = toContactSummary(answer.contact);
  await saveLink(db, ref, party, created, userId, "xero_contact_created", {
    // Xero holds what Factory has just sent: from now on Factory may also clear it.
    details: knownContactDetails(contactDetails(party)),
  });
  return { status: "linked", contactId: created.contactId, created: true };
}

/** What linking by hand did beside the link, in words for the person who linked. */
export interface LinkOutcome {
  contact: ContactSummary;
  notes: string[];
}

/**
 * Links a record to an existing Xero contact, chosen by staff. An archived contact is linked only
 * with `restore` (Xero must not receive documents for archived contacts: docs/certification.md#data-integrity), and
 * restoring fails with Xero's message when an active contact already has its name.
 *
 * With `writeContactNumber`, a contact without a ContactNumber gets the record's code there
 * (Factory's mark, docs/sync.md#contacts): a number the contact has is never overwritten, and the
 * code is not written when another contact already carries it. The contact's DefaultCurrency
 * becomes the record's currency when the organisation has it enabled; otherwise the record keeps
 * its own, and the notes say so.
 */
export async function linkPartyToContact(db: Db, ref: PartyRef, input: LinkInput): Promise<LinkOutcome> {
  return onePartyAtATime(db, ref, () => linkNow(db, ref, input));
}

interface LinkInput {
  contactId: string;
  restore?: boolean;
  writeContactNumber?: boolean;
  userId: string | null;
  /** The history's action for this link; a link by hand by default. */
  action?: "xero_link_changed" | "xero_contact_merged";
}

/** The outcome of {@link followContactMerge}. */
export type MergeOutcome =
  | { followed: true; contact: ContactSummary }
  /** Nothing to follow: the party is no longer linked to the merged contact. */
  | { followed: false; reason: null }
  /** Linking would break a rule of linking (the surviving contact is linked elsewhere, archived, gone). */
  | { followed: false; reason: string };

/**
 * Follows a merge made in Xero (docs/sync.md#read-back): a party linked to `from`, which Xero merged
 * into `to`, is linked to `to` through the same workflow as a link by hand, under the party's lock,
 * so every rule of linking holds (one Factory party per contact on each side, no archived contact).
 * The history records it as a merge. When a rule refuses, the party stays linked to the archived
 * contact and the reason is returned; its page shows both.
 */
export async function followContactMerge(
  db: Db,
  ref: PartyRef,
  merge: { from: string; to: string },
): Promise<MergeOutcome> {
  return onePartyAtATime(db, ref, async () => {
    const party = await findParty(db, ref.kind, ref.id);
    if (party?.xeroContactId !== merge.from) return { followed: false, reason: null };
    try {
      const { contact } = await linkNow(db, ref, {
        contactId: merge.to,
        userId: null,
        action: "xero_contact_merged",
      });
      return { followed: true, contact };
    } catch (error) {
      if (error instanceof RecordError) return { followed: false, reason: error.message };
      throw error;
    }
  });
}

async function linkNow(db: Db, ref: PartyRef, input: LinkInput): Promise<LinkOutcome> {
  const party = await loadParty(db, ref);
  const found = await getXeroContactInFull(db, input.contactId);
  if (!found) throw new RecordError("That Xero contact no longer exists. Search again.");
  const contact = toContactSummary(found);
  const other = await findPartyLinkedTo(db, ref.kind, contact.contactId, ref.id);
  if (other) {
    throw new RecordError(
      `"${contact.name}" is already linked to ${other.code} ${other.name}. Unlink it there first.`,
    );
  }
  if (contact.status === "ARCHIVED" && !input.restore)
    throw new RecordError(`"${contact.name}" is archived in Xero. Restore it to link it.`);

  const notes: string[] = [];
  const changes: XeroContact = {};
  if (contact.status === "ARCHIVED") changes.contactStatus = "ACTIVE";
  if (input.writeContactNumber && !contact.contactNumber) {
    const holder = await contactNumbered(db, party.code);
    if (holder && holder.contactId !== contact.contactId) {
      notes.push(
        `${party.code} was not written into the contact: "${holder.name}" in Xero already has that number.`,
      );
    } else changes.contactNumber = party.code;
  }
  let linked = contact;
  if (Object.keys(changes).length > 0) {
    const answer = await withXero(db, (api) => updateContact(api, contact.contactId, changes));
    if (!answer.ok)
      throw new RecordError(answer.errors.join("; ") || "Xero did not take the change to the contact.");
    linked = toContactSummary(answer.contact);
    if (changes.contactNumber) notes.push(`${party.code} is now the contact's number in Xero.`);
  }

  const currency = await currencyFromContact(db, party, found.defaultCurrency);
  if (currency.note) notes.push(currency.note);
  await saveLink(db, ref, party, linked, input.userId, input.action ?? "xero_link_changed", {
    currency: currency.take,
  });
  return { contact: linked, notes };
}

/** One contact with every field (its DefaultCurrency among them), archived or not. */
async function getXeroContactInFull(db: Db, contactId: string): Promise<XeroContact | undefined> {
  const { contacts } = await withXero(db, (api) =>
    getContactsPage(api, { ids: [contactId], page: 1, includeArchived: true, summaryOnly: false }),
  );
  return contacts[0];
}

/** The contact, if any, whose ContactNumber is `code`. */
async function contactNumbered(db: Db, code: string): Promise<ContactSummary | undefined> {
  const { contacts } = await withXero(db, (api) =>
    getContactsPage(api, {
      where: `ContactNumber==${whereString(code)}`,
      page: 1,
      includeArchived: true,
      summaryOnly: true,
    }),
  );
  return contacts.map(toContactSummary)[0];
}

/**
 * The linked contact's DefaultCurrency, to become the record's currency ("customers and suppliers
 * have a default currency, taken from the Xero contact when linked", issue 11) when the organisation
 * has it enabled, since Xero refuses documents in any other (docs/xero/api-behaviour.md#currencies).
 */
async function currencyFromContact(
  db: Db,
  party: Party,
  defaultCurrency: string | undefined,
): Promise<{ take?: string; note?: string }> {
  const code = defaultCurrency?.trim().toUpperCase() ?? "";
  if (!/^[A-Z]{3}$/.test(code) || code === party.currency) return {};
  if (currencyNotEnabled(await loadCurrencySettings(db), code)) {
    return {
      note: `The Xero contact's default currency is ${code}, which the organisation has not enabled in Xero, so ${party.code} stays in ${party.currency}.`,
    };
  }
  return { take: code, note: `${party.code} now uses ${code}, the Xero contact's default currency.` };
}

/** Removes a record's link; documents sent from now on need a new link first. */
export async function unlinkParty(db: Db, ref: PartyRef, userId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await lockPartyContact(tx, ref.kind, ref.id);
    const party = await findParty(tx, ref.kind, ref.id);
    if (!party) throw new RecordError(`This ${ref.kind} no longer exists; someone may have deleted it.`);
    if (!party.xeroContactId) return;
    await setPartyContactLink(tx, ref.kind, ref.id, null);
    await clearContactIssue(tx, ref.kind, ref.id);
    await recordAudit(tx, {
      userId,
      entityType: ref.kind,
      entityId: ref.id,
      action: "xero_link_removed",
      before: { xeroContactId: party.xeroContactId },
      after: { xeroContactId: null },
    });
  });
}

async function saveLink(
  db: Db,
  ref: PartyRef,
  party: Party,
  contact: ContactSummary,
  userId: string | null,
  action: string,
  options: { details?: ContactDetailsSnapshot; currency?: string } = {},
): Promise<void> {
  const { currency } = options;
  await db.transaction(async (tx) => {
    await setPartyContactLink(tx, ref.kind, ref.id, contact.contactId, { currency });
    await cacheContacts(tx, [contact]);
    // From here on, only what changes in Factory is sent: linking doesn't overwrite the contact.
    const details = options.details ?? contactDetails(party);
    await saveSentDetails(tx, [{ kind: ref.kind, partyId: ref.id, contactId: contact.contactId, details }]);
    await clearContactIssue(tx, ref.kind, ref.id);
    await recordAudit(tx, {
      userId,
      entityType: ref.kind,
      entityId: ref.id,
      action,
      before: { xeroContactId: party.xeroContactId, ...(currency ? { currency: party.currency } : {}) },
      after: {
        xeroContactId: contact.contactId,
        name: contact.name,
        contactNumber: contact.contactNumber,
        ...(currency ? { currency } : {}),
      },
    });
  });
}

/**
 * After a record is created with "Also create in Xero" ticked: creates or matches its contact now,
 * or, when Xero can't be reached, leaves a "create_pending" mark that the contact job turns into a
 * contact once Xero is back. The record itself is already saved either way.
 */
export async function createContactForNewParty(
  db: Db,
  ref: PartyRef,
  userId: string | null,
): Promise<EnsureContactOutcome | { status: "pending"; message: string }> {
  try {
    return await ensureXeroContact(db, ref, { userId });
  } catch (error) {
    if (!(error instanceof XeroError)) throw error;
    const message =
      error.kind === "auth"
        ? `Not created in Xero: ${error.message} It will be created once Xero is connected again.`
        : "Xero could not be reached. The contact will be created in Xero when it is back.";
    await setContactIssue(db, { kind: ref.kind, partyId: ref.id, issue: "create_pending", message });
    return { status: "pending", message };
  }
}

/**
 * Sends a linked record's name, email, phones and addresses to its Xero contact (Factory is the
 * source of truth), when "keep Xero contact details up to date" is on. A rename Xero refuses (the
 * name belongs to another active contact) is stored on the record with Xero's message.
 *
 * @returns what happened, for the sync log.
 * @throws {XeroError} when Xero can't be reached (retry later).
 */
export async function pushContactDetails(db: Db, ref: PartyRef): Promise<PushOutcome> {
  return onePartyAtATime(db, ref, () => pushDetailsNow(db, ref));
}

type PushOutcome = "updated" | "unchanged" | "not_linked" | "switched_off" | "refused";

async function pushDetailsNow(db: Db, ref: PartyRef): Promise<PushOutcome> {
  const party = await loadParty(db, ref);
  if (!party.xeroContactId) return "not_linked";
  if (!(await contactSettings(db)).keepContactsUpdated) return "switched_off";
  const contactId = party.xeroContactId;
  const sent = await findSentDetails(db, ref.kind, ref.id);
  // Without a record of what Xero holds (a link made before Factory kept one), send all it has once.
  const { payload: changes, snapshot } = contactDetailsUpdate(
    sent?.contactId === contactId ? sent.details : null,
    contactDetails(party),
  );
  if (!changes) {
    // Nothing to send (say, a value Factory never sent was emptied): the record still moves on.
    if (sent && !isDeepStrictEqual(sent.details, snapshot))
      await saveSentDetails(db, [{ kind: ref.kind, partyId: ref.id, contactId, details: snapshot }]);
    return "unchanged";
  }
  let answer;
  try {
    answer = await withXero(db, (api) => updateContact(api, contactId, changes));
  } catch (error) {
    if (!(error instanceof XeroError) || error.kind !== "validation") throw error;
    await setContactIssue(db, {
      kind: ref.kind,
      partyId: ref.id,
      issue: "update_failed",
      message: `Xero did not take the latest details: ${error.message}`,
    });
    return "refused";
  }
  if (!answer.ok) {
    const message = `Xero did not take the latest details: ${answer.errors.join("; ") || "no answer"}`;
    await setContactIssue(db, { kind: ref.kind, partyId: ref.id, issue: "update_failed", message });
    return "refused";
  }
  const updated = answer.contact;
  await db.transaction(async (tx) => {
    await cacheContacts(tx, [toContactSummary(updated)]);
    await saveSentDetails(tx, [{ kind: ref.kind, partyId: ref.id, contactId, details: snapshot }]);
    const issue = await findContactIssue(tx, ref.kind, ref.id);
    if (issue?.kind === "update_failed") await clearContactIssue(tx, ref.kind, ref.id);
  });
  return "updated";
}

/**
 * What the sync worker runs for a customer or supplier event: keeps a linked contact current, and
 * finishes a contact creation that was waiting for Xero. Records that are neither are left alone
 * (whether a new record gets a contact is the creator's choice, made on the form), and so are
 * records deleted since the job was queued.
 */
export async function syncPartyContact(db: Db, ref: PartyRef): Promise<void> {
  const party = await findParty(db, ref.kind, ref.id);
  if (!party) return;
  if (party.xeroContactId) {
    await pushContactDetails(db, ref);
    return;
  }
  const issue = await findContactIssue(db, ref.kind, ref.id);
  if (issue?.kind === "create_pending") await ensureXeroContact(db, ref);
}

async function loadParty(db: Db, ref: PartyRef): Promise<Party> {
  const party = await findParty(db, ref.kind, ref.id);
  if (!party) throw new RecordError(`This ${ref.kind} no longer exists; someone may have deleted it.`);
  return party;
}
