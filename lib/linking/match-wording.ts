import type { ContactSummary } from "@/lib/xero/mappers/contact";
import type { ContactMatch, MatchReason } from "./matching";

/**
 * The words people read about a match: the link editor shows them next to each candidate, and the
 * linking workflows store them with what they propose (an import row's reason, a record's "Xero
 * already has …" problem), so they live here rather than in a component.
 */

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  contact_id: "already linked",
  contact_number: "same contact code",
  name: "same name",
  email: "same email, different name",
};

/** `a contact "Acme Ltd" (same name) and 2 more similar`, for the record's problem message. */
export function describeLookAlikes(matches: ContactMatch<ContactSummary>[]): string {
  const first = matches[0];
  if (!first) return "no similar contact";
  const article = first.candidate.status === "ARCHIVED" ? "an archived" : "a";
  const more = matches.length > 1 ? ` and ${matches.length - 1} more similar` : "";
  return `${article} contact "${first.candidate.name}" (${MATCH_REASON_LABELS[first.reason]})${more}`;
}
