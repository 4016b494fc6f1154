/**
 * A refusal a person can act on, as opposed to a bug: its message is safe and useful to show the one
 * who asked, and its field errors (keyed by the form's field path, "lines.2.quantity") land next to
 * the fields. Every domain error extends this, so the one action wrapper (`authedAction`) turns any of
 * them into the form's `{ ok: false, message, fieldErrors }`; anything else is thrown.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A Factory rule's refusal: a stale version, a taken SKU, a record still in use, a record gone. */
export class RecordError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, fieldErrors);
    this.name = "RecordError";
  }
}

export const staleRecordMessage = (what: string) =>
  `Someone else changed this ${what} while you were editing it. Reload the page to see their changes; yours were not saved.`;

export const missingRecordMessage = (what: string) =>
  `This ${what} no longer exists; someone may have deleted it.`;
