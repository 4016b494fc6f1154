import type { Db, Executor } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { currencyNotEnabled } from "@/lib/factory/currencies";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";
import type { ContactImportSides, PartyKind, XeroContactImport, XeroContactImportRow } from "@/lib/db/schema";
import {
  claimedTargets,
  currentContactImport,
  findContactImport,
  importRowCounts,
  insertContactImport,
  insertImportedParties,
  linkPartiesToContacts,
  linkedContacts,
  lockContactImport,
  ONE_OPEN_IMPORT_INDEX,
  partiesForMatching,
  partyLinks,
  pendingImportRows,
  recordAudits,
  reserveNumbers,
  setImportRowOutcomes,
  updateContactImport,
  upsertImportRows,
  type NewImportRow,
} from "@/lib/db/queries/contact-imports";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { cacheContacts, saveSentDetails } from "@/lib/db/queries/xero-links";
import { RecordError } from "@/lib/errors";
import { getContactsPage } from "@/lib/xero/api/contacts";
import {
  contactDetails,
  importedPartyValues,
  knownContactDetails,
  toContactSummary,
  type ContactSummary,
} from "@/lib/xero/mappers/contact";
import { XeroError } from "@/lib/xero/api/errors";
import { MATCH_REASON_LABELS } from "./match-wording";
import { PartyIndex } from "./matching";
import { withXero } from "@/lib/xero/api/session";

/**
 * The contact import wizard's engine (/xero/import, issue 6 §5). A run goes fetching → reviewing →
 * importing → completed. Each step is small (one Xero page, or one batch of rows), locks the run
 * while it works and leaves its cursor in the database, so the wizard shows progress between steps,
 * a dropped connection resumes where it stopped, and two tabs never interleave.
 */

/**
 * Contacts per page: the largest page Xero serves (docs/xero/api-behaviour.md#paging: `pageSize` up to
 * 1,000), so 10,000 contacts cost 10 calls of the 60 a minute.
 */
export const IMPORT_PAGE_SIZE = 1000;

/** Rows imported per step: one transaction, one counter update, one multi-row insert per side. */
export const IMPORT_BATCH_SIZE = 500;

export interface ImportProgress {
  run: XeroContactImport;
  /** Rows stored so far (fetching) or rows done (importing). */
  done: number;
  total: number | null;
  /** Another step of this run is working right now; try again shortly. */
  busy?: boolean;
}

/**
 * Starts an import. Refused while another one is open: two imports at once would both create the
 * same customers (the database admits one open run; `ONE_OPEN_IMPORT_INDEX`).
 */
export async function startContactImport(
  db: Db,
  input: { sides: ContactImportSides; includeArchived: boolean; userId: string | null },
): Promise<XeroContactImport> {
  const connection = await getXeroConnection(db);
  if (!connection || connection.status !== "connected") {
    throw new RecordError("Connect Factory to Xero first (Xero page), then import its contacts.");
  }
  try {
    return await insertContactImport(db, {
      sides: input.sides,
      includeArchived: input.includeArchived,
      startedBy: input.userId,
    });
  } catch (error) {
    if (isUniqueViolation(error, ONE_OPEN_IMPORT_INDEX)) {
      throw new RecordError(
        "Another contact import is in progress. Finish or cancel it before starting a new one.",
      );
    }
    throw error;
  }
}

/** The side a contact is proposed for: the staff's choice, with Xero's flags as the hint for "both". */
function proposedSide(sides: ContactImportSides, contact: ContactSummary): PartyKind {
  if (sides === "customers") return "customer";
  if (sides === "suppliers") return "supplier";
  return contact.isSupplier && !contact.isCustomer ? "supplier" : "customer";
}

type Proposal = Pick<NewImportRow, "action" | "side" | "targetId" | "reason">;
type MatchableParty = Awaited<ReturnType<typeof partiesForMatching>>[number];

/**
 * The proposed action for one fetched contact: already linked, link to the Factory record it
 * matches (ContactID, ContactNumber, normalised name, email), skip (archived; or Xero's flags say
 * it belongs to the side not being imported), or create.
 */
function propose(
  run: XeroContactImport,
  contact: ContactSummary,
  indexes: Record<PartyKind, PartyIndex<MatchableParty>>,
  claimed: Set<string>,
): Proposal {
  const side = proposedSide(run.sides, contact);
  for (const kind of run.sides === "both" ? (["customer", "supplier"] as const) : [side]) {
    const match = indexes[kind].match(contact);
    if (match?.reason === "contact_id") {
      return { action: "already_linked", side: kind, targetId: match.party.id, reason: "already linked" };
    }
  }
  if (contact.status !== "ACTIVE") {
    return { action: "skip", side, targetId: null, reason: "archived in Xero" };
  }
  if (run.sides === "customers" && contact.isSupplier && !contact.isCustomer) {
    return { action: "skip", side, targetId: null, reason: "Xero marks it as a supplier" };
  }
  if (run.sides === "suppliers" && contact.isCustomer && !contact.isSupplier) {
    return { action: "skip", side, targetId: null, reason: "Xero marks it as a customer" };
  }
  const match = indexes[side].match(contact);
  if (match && !match.party.xeroContactId && !claimed.has(match.party.id)) {
    claimed.add(match.party.id);
    return { action: "link", side, targetId: match.party.id, reason: MATCH_REASON_LABELS[match.reason] };
  }
  return {
    action: "create",
    side,
    targetId: null,
    reason: match ? "its match is linked to another contact" : null,
  };
}

/**
 * Fetches and stores the next page of contacts with a proposed action for each. The last page
 * moves the run to "reviewing". A failure (Xero unreachable) is kept on the run; calling again
 * retries the same page.
 */
export async function fetchNextImportPage(db: Db, importId: string): Promise<ImportProgress> {
  let busy = false;
  try {
    await db.transaction(async (tx) => {
      const run = await lockContactImport(tx, importId);
      busy = run === undefined;
      if (run?.status === "fetching") await fetchPage(db, tx, run);
    });
  } catch (error) {
    if (error instanceof XeroError) await updateContactImport(db, importId, { lastError: error.message });
    throw error;
  }
  return progress(db, importId, busy);
}

async function fetchPage(db: Db, tx: Executor, run: XeroContactImport): Promise<void> {
  const { contacts, pageCount, itemCount } = await withXero(db, (api) =>
    getContactsPage(api, {
      page: run.nextPage,
      includeArchived: run.includeArchived,
      // Full contacts: the import copies addresses, phones, people and terms (summaryOnly drops them).
      summaryOnly: false,
      pageSize: IMPORT_PAGE_SIZE,
    }),
  );
  const indexes = {
    customer: new PartyIndex(await partiesForMatching(tx, "customer")),
    supplier: new PartyIndex(await partiesForMatching(tx, "supplier")),
  };
  const claimed = await claimedTargets(tx, run.id);
  const rows = contacts.flatMap((contact, i): NewImportRow[] => {
    const summary = toContactSummary(contact);
    if (!summary.contactId) return [];
    return [
      {
        importId: run.id,
        position: (run.nextPage - 1) * IMPORT_PAGE_SIZE + i,
        contactId: summary.contactId,
        name: summary.name,
        email: summary.email,
        contactNumber: summary.contactNumber,
        contactStatus: summary.status,
        isCustomer: summary.isCustomer,
        isSupplier: summary.isSupplier,
        values: importedPartyValues(contact),
        ...propose(run, summary, indexes, claimed),
      },
    ];
  });
  await upsertImportRows(tx, rows);
  const lastPage =
    contacts.length < IMPORT_PAGE_SIZE || (pageCount !== undefined && run.nextPage >= pageCount);
  await updateContactImport(tx, run.id, {
    nextPage: run.nextPage + 1,
    pageCount: pageCount ?? run.pageCount,
    contactCount: itemCount ?? run.contactCount,
    apiCalls: run.apiCalls + 1,
    lastError: null,
    ...(lastPage ? { status: "reviewing" as const } : {}),
  });
}

/** Moves a reviewed run to importing; the wizard then calls {@link importNextBatch} until done. */
export async function beginImport(db: Db, importId: string): Promise<void> {
  const run = await findContactImport(db, importId);
  if (!run) throw new RecordError("This import no longer exists.");
  if (run.status === "importing") return;
  if (run.status !== "reviewing") throw new RecordError("This import is not ready to import.");
  await updateContactImport(db, importId, { status: "importing" });
}

export async function cancelContactImport(db: Db, importId: string): Promise<void> {
  const run = await findContactImport(db, importId);
  if (!run || run.status === "completed" || run.status === "cancelled") return;
  await updateContactImport(db, importId, { status: "cancelled", finishedAt: new Date() });
}

/**
 * Imports the next batch of rows: creates the new customers and suppliers (with the next codes),
 * links the matched ones, and records each row's outcome. A contact linked in the meantime (by a
 * person, or by an earlier run) is left as it is, so running an import again creates no duplicates.
 */
export async function importNextBatch(
  db: Db,
  importId: string,
  userId: string | null,
): Promise<ImportProgress> {
  const run = await db.transaction(async (tx) => {
    const locked = await lockContactImport(tx, importId);
    if (!locked) return undefined;
    if (locked.status !== "importing") return locked;
    const rows = await pendingImportRows(tx, importId, IMPORT_BATCH_SIZE);
    if (rows.length === 0) {
      await updateContactImport(tx, importId, { status: "completed", finishedAt: new Date() });
      return locked;
    }
    for (const kind of ["customer", "supplier"] as const) {
      await importSide(
        tx,
        kind,
        rows.filter((row) => row.side === kind),
        userId,
      );
    }
    await updateContactImport(tx, importId, {});
    return locked;
  });
  return progress(db, importId, run === undefined);
}

async function importSide(
  tx: Executor,
  kind: PartyKind,
  rows: XeroContactImportRow[],
  userId: string | null,
) {
  const alreadyLinked = await linkedContacts(
    tx,
    kind,
    rows.map((row) => row.contactId),
  );
  const targets = await partyLinks(
    tx,
    kind,
    rows.flatMap((row) => (row.action === "link" && row.targetId ? [row.targetId] : [])),
  );
  const outcomes: Parameters<typeof setImportRowOutcomes>[1] = [];
  const toCreate: XeroContactImportRow[] = [];
  const toLink: { row: XeroContactImportRow; partyId: string }[] = [];

  for (const row of rows) {
    const linkedTo = alreadyLinked.get(row.contactId);
    if (row.action === "skip") outcomes.push({ id: row.id, outcome: "skipped" });
    else if (linkedTo) outcomes.push({ id: row.id, outcome: "unchanged", targetId: linkedTo });
    else if (row.action === "already_linked") {
      outcomes.push({
        id: row.id,
        outcome: "failed",
        error: "The Factory record was unlinked since the review.",
      });
    } else if (row.action === "create") toCreate.push(row);
    else if (!row.targetId || !targets.has(row.targetId)) {
      outcomes.push({ id: row.id, outcome: "failed", error: "The Factory record no longer exists." });
    } else if (targets.get(row.targetId)?.xeroContactId) {
      outcomes.push({
        id: row.id,
        outcome: "failed",
        error: "The Factory record is linked to another Xero contact.",
      });
    } else {
      const target = targets.get(row.targetId);
      if (target) target.xeroContactId = row.contactId;
      toLink.push({ row, partyId: row.targetId });
    }
  }

  // A contact's DefaultCurrency becomes the record's currency only where the organisation has it
  // enabled (as when linking one contact): Xero refuses documents in any other, so a record created
  // or linked in one would have every document refused. Otherwise the record keeps (or takes) the
  // base currency.
  const currencies = await loadCurrencySettings(tx);
  const usableCurrency = (code: string | null | undefined) =>
    code && !currencyNotEnabled(currencies, code) ? code : null;

  const codes = await reserveNumbers(tx, kind, toCreate.length);
  const createdIds = await insertImportedParties(
    tx,
    kind,
    toCreate.map((row, i) => ({
      code: codes[i] ?? "",
      contactId: row.contactId,
      fallbackName: row.name,
      values: { ...row.values, currency: usableCurrency(row.values.currency) },
    })),
    userId,
    currencies.defaultCurrency,
  );
  for (const row of toCreate)
    outcomes.push({ id: row.id, outcome: "created", targetId: createdIds.get(row.contactId) });

  await linkPartiesToContacts(
    tx,
    kind,
    toLink.map(({ row, partyId }) => ({
      partyId,
      contactId: row.contactId,
      currency: usableCurrency(row.values.currency),
    })),
  );
  for (const { row, partyId } of toLink) outcomes.push({ id: row.id, outcome: "linked", targetId: partyId });

  await setImportRowOutcomes(tx, outcomes);
  // What Xero's contacts hold: the imported values, or the linked record's own (see saveSentDetails).
  await saveSentDetails(tx, [
    ...toCreate.flatMap((row) => {
      const partyId = createdIds.get(row.contactId);
      return partyId
        ? [
            {
              kind,
              partyId,
              contactId: row.contactId,
              // Taken from the contact: Factory knows these are what Xero holds, and may clear them.
              details: knownContactDetails(
                contactDetails({ ...row.values, name: row.values.name || row.name }),
              ),
            },
          ]
        : [];
    }),
    ...toLink.flatMap(({ row, partyId }) => {
      const target = targets.get(partyId);
      return target ? [{ kind, partyId, contactId: row.contactId, details: target.details }] : [];
    }),
  ]);
  await cacheContacts(
    tx,
    [...toCreate, ...toLink.map((l) => l.row)].map((row) => ({
      contactId: row.contactId,
      name: row.name,
      contactNumber: row.contactNumber,
      email: row.email,
      status: row.contactStatus,
      isCustomer: row.isCustomer,
      isSupplier: row.isSupplier,
    })),
  );
  await recordAudits(tx, [
    ...toCreate.flatMap((row) => {
      const partyId = createdIds.get(row.contactId);
      return partyId
        ? [
            {
              userId,
              entityType: kind,
              entityId: partyId,
              action: "imported_from_xero",
              before: null,
              after: { xeroContactId: row.contactId, importId: row.importId },
            },
          ]
        : [];
    }),
    ...toLink.map(({ row, partyId }) => ({
      userId,
      entityType: kind,
      entityId: partyId,
      action: "xero_link_changed",
      before: { xeroContactId: null },
      after: { xeroContactId: row.contactId, name: row.name, importId: row.importId },
    })),
  ]);
}

async function progress(db: Db, importId: string, busy: boolean): Promise<ImportProgress> {
  const run = await findContactImport(db, importId);
  if (!run) throw new RecordError("This import no longer exists.");
  const counts = await importRowCounts(db, importId);
  const stored = Object.values(counts.actions).reduce((a, b) => a + b, 0);
  if (run.status === "fetching") return { run, done: stored, total: run.contactCount, busy };
  return { run, done: stored - counts.outcomes.pending, total: stored, busy };
}

/** A run nobody has advanced for this long is taken over by the worker (the wizard's tab was closed). */
export const STALLED_IMPORT_MS = 30_000;

/**
 * The worker's half of the wizard: carries a fetching or importing run to its next stop when no
 * browser is driving it (closed tab, lost network), so an import started is an import finished.
 * Steps lock the run, so the worker and a browser that comes back never interleave.
 *
 * @returns the status the run was left in, or null when nothing was stalled.
 */
export async function continueStalledImport(db: Db): Promise<string | null> {
  const run = await currentContactImport(db);
  if (!run || (run.status !== "fetching" && run.status !== "importing")) return null;
  if (Date.now() - run.updatedAt.getTime() < STALLED_IMPORT_MS) return null;
  let progress: ImportProgress;
  do {
    progress =
      run.status === "fetching"
        ? await fetchNextImportPage(db, run.id)
        : await importNextBatch(db, run.id, run.startedBy);
  } while (progress.run.status === run.status && !progress.busy);
  return progress.run.status;
}

/** The run the wizard shows: the open one, else the latest finished one. */
export async function currentImportProgress(db: Db): Promise<ImportProgress | undefined> {
  const run = await currentContactImport(db);
  return run ? progress(db, run.id, false) : undefined;
}
