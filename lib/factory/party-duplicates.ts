import type { Executor } from "@/lib/db/client";
import { findLookAlikeParties, type LookAlikeParty } from "@/lib/db/queries/parties";
import type { PartyKind } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { normaliseEmail, normaliseName } from "@/lib/linking/matching";

/**
 * "A customer named X already exists — create anyway?": a new customer or supplier whose name or
 * email matches an existing one (archived ones too) is made only once someone has seen the match and
 * chosen to go on. Names and emails compare as the Xero look-alike check compares them
 * (lib/linking/matching.ts: case, accents, punctuation and legal suffixes ignored), so Factory and Xero
 * agree on what a duplicate is.
 */

export interface DuplicateParty {
  id: string;
  code: string;
  name: string;
  archived: boolean;
  reason: "name" | "email";
}

/** The word of a name most likely to find its look-alikes by substring: its longest. */
function searchWord(name: string): string | null {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.reduce<string | null>(
    (longest, word) => (word.length > (longest?.length ?? 0) ? word : longest),
    null,
  );
}

/** Existing records of the kind with the same name or email, same names first. */
export async function findDuplicateParties(
  db: Executor,
  kind: PartyKind,
  party: { name: string; email: string | null },
): Promise<DuplicateParty[]> {
  const name = normaliseName(party.name);
  const email = normaliseEmail(party.email);
  const candidates = await findLookAlikeParties(db, kind, { nameWord: searchWord(party.name), email });
  const reasonOf = (candidate: LookAlikeParty): DuplicateParty["reason"] | null =>
    name && normaliseName(candidate.name) === name
      ? "name"
      : email && normaliseEmail(candidate.email) === email
        ? "email"
        : null;
  return candidates
    .flatMap((candidate) => {
      const reason = reasonOf(candidate);
      return reason
        ? [
            {
              id: candidate.id,
              code: candidate.code,
              name: candidate.name,
              archived: candidate.archivedAt !== null,
              reason,
            },
          ]
        : [];
    })
    .sort((a, b) => Number(a.reason === "email") - Number(b.reason === "email"));
}

/** `A customer named "Acme Ltd" already exists (C-00012). Create anyway?` */
export function duplicateQuestion(kind: PartyKind, duplicates: readonly DuplicateParty[]): string {
  const [first] = duplicates;
  if (!first) return "";
  const archived = first.archived ? "n archived" : "";
  const what =
    first.reason === "name"
      ? `A${archived} ${kind} named “${first.name}” already exists (${first.code})`
      : `A${archived} ${kind} with this email already exists: ${first.name} (${first.code})`;
  const more = duplicates.length > 1 ? `, and ${duplicates.length - 1} more like it` : "";
  return `${what}${more}. Create anyway?`;
}

/**
 * The refusal of a create that would duplicate: its question as the message, next to the name or
 * email field that matched, and under `createAnyway` — the field the form sets to go on.
 */
export class DuplicatePartyError extends DomainError {
  readonly duplicates: DuplicateParty[];

  constructor(kind: PartyKind, duplicates: DuplicateParty[]) {
    const question = duplicateQuestion(kind, duplicates);
    const named = duplicates.find((d) => d.reason === "name");
    const emailed = duplicates.find((d) => d.reason === "email");
    super(question, {
      createAnyway: [question],
      ...(named ? { name: [`Same name as ${named.name} (${named.code})`] } : {}),
      ...(emailed ? { email: [`Same email as ${emailed.name} (${emailed.code})`] } : {}),
    });
    this.name = "DuplicatePartyError";
    this.duplicates = duplicates;
  }
}
