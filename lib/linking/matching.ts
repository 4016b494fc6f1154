import type { ContactSummary } from "@/lib/xero/mappers/contact";

/**
 * Pure rules for deciding that a Factory customer or supplier and a Xero contact are the same
 * business. Duplicate and mismatched contacts are the commonest complaint about Xero integrations
 * (shared/reference/docs/xero/api-behaviour.md#duplicate-contacts-in-practice), so every create, link suggestion and import proposal goes
 * through these functions, and they are unit-tested on their own.
 */

/** Why two records were judged the same, strongest first. */
export type MatchReason = "contact_id" | "contact_number" | "name" | "email";

/** What matching needs to know about a Factory customer or supplier. */
export interface PartyKeys {
  code: string;
  name: string;
  email: string | null;
  xeroContactId: string | null;
}

export interface ContactMatch<Candidate> {
  candidate: Candidate;
  reason: MatchReason;
}

/**
 * Legal-form words that people add or leave out ("Acme Ltd" / "Acme Limited" / "Acme"). Only
 * trailing ones are dropped, and never the last remaining word, so "Company Store" keeps its name.
 */
const LEGAL_SUFFIXES = new Set([
  "limited",
  "ltd",
  "company",
  "co",
  "pty",
  "proprietary",
  "inc",
  "incorporated",
  "llc",
  "llp",
  "plc",
  "corp",
  "corporation",
  "gmbh",
]);

/**
 * A key under which names that people would call the same compare equal: case, accents, spacing
 * and punctuation ignored, "&" read as "and", a leading "The" and trailing legal suffixes dropped.
 * "Steel & Tube Distributors Ltd." and "steel and tube distributors" give the same key.
 */
export function normaliseName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&|\+/g, " and ")
    // Apostrophes join ("O'Brien" = "OBrien"); other punctuation separates words.
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length > 1 && words[0] === "the") words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? "")) words.pop();
  return words.join("");
}

/** Email addresses compare without case or surrounding spaces; blank means "no email". */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** ContactNumber is an exact key, but people type codes with stray spaces and in either case. */
export function normaliseCode(code: string | null | undefined): string | null {
  const trimmed = code?.trim().toUpperCase();
  return trimmed ? trimmed : null;
}

/**
 * The reason `contact` is the same business as `party`, or null. Strongest evidence wins: the
 * stored link, then Factory's code in ContactNumber, then the normalised name, then the email
 * (an email alone is weak: one person may buy for two businesses, docs/xero/api-behaviour.md#duplicate-contacts-in-practice).
 */
export function matchReason(party: PartyKeys, contact: ContactSummary): MatchReason | null {
  if (party.xeroContactId && party.xeroContactId.toLowerCase() === contact.contactId.toLowerCase()) {
    return "contact_id";
  }
  const code = normaliseCode(party.code);
  if (code && code === normaliseCode(contact.contactNumber)) return "contact_number";
  const name = normaliseName(party.name);
  if (name && name === normaliseName(contact.name)) return "name";
  const email = normaliseEmail(party.email);
  if (email && email === normaliseEmail(contact.email)) return "email";
  return null;
}

const REASON_RANK: Record<MatchReason, number> = { contact_id: 0, contact_number: 1, name: 2, email: 3 };

/**
 * Every Xero contact that looks like `party`, strongest first; among equals, active contacts come
 * before archived ones (an active one can be linked as is, an archived one must be restored).
 */
export function findContactMatches<Candidate extends ContactSummary>(
  party: PartyKeys,
  candidates: readonly Candidate[],
): ContactMatch<Candidate>[] {
  const matches: ContactMatch<Candidate>[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.contactId)) continue;
    seen.add(candidate.contactId);
    const reason = matchReason(party, candidate);
    if (reason) matches.push({ candidate, reason });
  }
  return matches.sort(
    (a, b) =>
      REASON_RANK[a.reason] - REASON_RANK[b.reason] ||
      Number(a.candidate.status !== "ACTIVE") - Number(b.candidate.status !== "ACTIVE"),
  );
}

/**
 * Factory records indexed by every key matching uses, so an import can match 10,000 contacts
 * against 100,000 records in one pass instead of one query per contact.
 */
export class PartyIndex<Party extends PartyKeys & { id: string }> {
  private readonly byContactId = new Map<string, Party>();
  private readonly byCode = new Map<string, Party>();
  private readonly byName = new Map<string, Party[]>();
  private readonly byEmail = new Map<string, Party[]>();

  constructor(parties: Iterable<Party>) {
    for (const party of parties) {
      if (party.xeroContactId) this.byContactId.set(party.xeroContactId.toLowerCase(), party);
      const code = normaliseCode(party.code);
      if (code) this.byCode.set(code, party);
      push(this.byName, normaliseName(party.name), party);
      push(this.byEmail, normaliseEmail(party.email), party);
    }
  }

  /**
   * The Factory record `contact` should be linked to, and why, or null. A name or email shared by
   * several Factory records decides nothing: staff choose in the review instead.
   */
  match(contact: ContactSummary): { party: Party; reason: MatchReason } | null {
    const linked = this.byContactId.get(contact.contactId.toLowerCase());
    if (linked) return { party: linked, reason: "contact_id" };
    const code = normaliseCode(contact.contactNumber);
    const byCode = code ? this.byCode.get(code) : undefined;
    if (byCode) return { party: byCode, reason: "contact_number" };
    const byName = this.byName.get(normaliseName(contact.name));
    if (byName?.length === 1 && byName[0]) return { party: byName[0], reason: "name" };
    const email = normaliseEmail(contact.email);
    const byEmail = email ? this.byEmail.get(email) : undefined;
    if (byEmail?.length === 1 && byEmail[0]) return { party: byEmail[0], reason: "email" };
    return null;
  }
}

function push<Value>(map: Map<string, Value[]>, key: string | null, value: Value) {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A word to hand Xero's `searchTerm` when looking for contacts named like `name`: searchTerm is a
 * substring match over Name, FirstName, LastName, ContactNumber and EmailAddress
 * (docs/xero/api-behaviour.md#contacts), so the full name would miss "Acme Ltd" vs "ACME Limited". The longest word that is not a
 * legal suffix is the most selective and survives the variations `normaliseName` ignores.
 */
export function nameSearchWord(name: string): string | null {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !LEGAL_SUFFIXES.has(word) && word !== "the" && word !== "and");
  if (words.length === 0) return null;
  return words.reduce((best, word) => (word.length > best.length ? word : best));
}
