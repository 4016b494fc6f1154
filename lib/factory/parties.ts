import { isDeepStrictEqual } from "node:util";
import type { Db, Executor } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/db/queries/audit";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  deletePartyAtVersion,
  findParty,
  findPartyByIdempotencyKey,
  insertParty,
  isPartyReferenced,
  updatePartyAtVersion,
} from "@/lib/db/queries/parties";
import type { Party, PartyKind } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import { requireEnabledCurrency } from "./currency-settings";
import { DuplicatePartyError, findDuplicateParties } from "./party-duplicates";
import type { PartyChanges } from "./party-schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";

export const PARTY_LABELS: Record<PartyKind, { one: string; many: string; path: string }> = {
  customer: { one: "customer", many: "customers", path: "/customers" },
  supplier: { one: "supplier", many: "suppliers", path: "/suppliers" },
};

/**
 * Creates a customer or supplier with the next code (C-00001 / S-00001) and its "created" event in
 * one transaction. A repeated idempotency key (a double-clicked submit, a retried request) returns
 * the record the first submission made instead of making a second. One whose name or email matches
 * an existing record is refused with the question to ask ({@link DuplicatePartyError}) unless
 * `createAnyway` says someone saw it and chose to go on.
 */
export async function createParty(
  db: Db,
  kind: PartyKind,
  input: PartyChanges & { idempotencyKey: string; createAnyway?: boolean },
  userId: string | null,
): Promise<{ party: Party; created: boolean }> {
  const { createAnyway = false, ...values } = input;
  const earlier = await findPartyByIdempotencyKey(db, kind, values.idempotencyKey);
  if (earlier) return { party: earlier, created: false };
  await requireEnabledCurrency(db, values.currency);
  if (!createAnyway) {
    const duplicates = await findDuplicateParties(db, kind, values);
    if (duplicates.length > 0) throw new DuplicatePartyError(kind, duplicates);
  }
  try {
    const party = await db.transaction(async (tx) => {
      const code = await takeNumber(tx, kind);
      const party = await insertParty(tx, kind, { ...values, code, createdBy: userId, updatedBy: userId });
      await recordFactoryEvent(tx, { kind: "created", recordType: kind, recordId: party.id, userId });
      return party;
    });
    return { party, created: true };
  } catch (error) {
    // The twin submission committed between our lookup and our insert: answer with its record.
    if (isUniqueViolation(error, `${PARTY_LABELS[kind].many}_idempotencyKey_unique`)) {
      const twin = await findPartyByIdempotencyKey(db, kind, values.idempotencyKey);
      if (twin) return { party: twin, created: false };
    }
    throw error;
  }
}

/**
 * Saves an edit if the record is still at the version the form loaded. A resubmission of changes
 * that are already saved (a double-clicked Save) succeeds quietly rather than reporting a conflict.
 */
export async function updateParty(
  db: Db,
  kind: PartyKind,
  input: PartyChanges & { id: string; version: number },
  userId: string | null,
): Promise<Party> {
  const { id, version, ...changes } = input;
  return db.transaction(async (tx) => {
    await requireEnabledCurrency(tx, changes.currency);
    const updated = await updatePartyAtVersion(tx, kind, { id, version }, { ...changes, updatedBy: userId });
    if (updated) {
      await recordFactoryEvent(tx, { kind: "updated", recordType: kind, recordId: id, userId });
      return updated;
    }
    const current = await findParty(tx, kind, id);
    if (!current) throw new RecordError(missingRecordMessage(PARTY_LABELS[kind].one));
    if (current.updatedBy === userId && alreadySaved(current, changes)) return current;
    throw new RecordError(staleRecordMessage(PARTY_LABELS[kind].one));
  });
}

function alreadySaved(current: Party, changes: PartyChanges): boolean {
  return Object.entries(changes).every(([key, value]) =>
    isDeepStrictEqual(current[key as keyof Party], value),
  );
}

/** Archives (hides from lists and pickers, keeps history) or brings back a customer or supplier. */
export async function setPartyArchived(
  db: Db,
  kind: PartyKind,
  input: { id: string; version: number; archived: boolean },
  userId: string | null,
): Promise<Party> {
  return db.transaction(async (tx) => {
    const updated = await updatePartyAtVersion(tx, kind, input, {
      archivedAt: input.archived ? new Date() : null,
      updatedBy: userId,
    });
    if (!updated) {
      const current = await findParty(tx, kind, input.id);
      if (!current) throw new RecordError(missingRecordMessage(PARTY_LABELS[kind].one));
      if (Boolean(current.archivedAt) === input.archived) return current;
      throw new RecordError(staleRecordMessage(PARTY_LABELS[kind].one));
    }
    await recordFactoryEvent(tx, { kind: "updated", recordType: kind, recordId: input.id, userId });
    return updated;
  });
}

/** Why a party can't be deleted, or null when it can. */
export async function partyDeleteBlocker(
  db: Executor,
  kind: PartyKind,
  party: Party,
): Promise<string | null> {
  const { one } = PARTY_LABELS[kind];
  if (party.xeroContactId) return `This ${one} is linked to a Xero contact. Archive it instead.`;
  if (await isPartyReferenced(db, kind, party.id)) {
    return `This ${one} has ${kind === "customer" ? "quotes or sales orders" : "purchase orders"}. Archive it instead.`;
  }
  return null;
}

/** Deletes a customer or supplier nothing refers to; anything in use must be archived instead. */
export async function deleteParty(
  db: Db,
  kind: PartyKind,
  input: { id: string; version: number },
  userId: string | null,
): Promise<void> {
  const { one } = PARTY_LABELS[kind];
  try {
    await db.transaction(async (tx) => {
      const party = await findParty(tx, kind, input.id);
      if (!party) throw new RecordError(missingRecordMessage(one));
      if (party.version !== input.version) throw new RecordError(staleRecordMessage(one));
      const blocker = await partyDeleteBlocker(tx, kind, party);
      if (blocker) throw new RecordError(blocker);
      if (!(await deletePartyAtVersion(tx, kind, input))) throw new RecordError(staleRecordMessage(one));
      await recordAudit(tx, {
        userId,
        entityType: kind,
        entityId: input.id,
        action: "deleted",
        before: { code: party.code, name: party.name },
      });
    });
  } catch (error) {
    // A document created for this party while we were deleting it: the foreign key has the last word.
    if (isForeignKeyViolation(error)) throw new RecordError(`This ${one} is now in use. Archive it instead.`);
    throw error;
  }
}
