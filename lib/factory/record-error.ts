/**
 * A refusal the person who submitted the form should read: a stale version, a taken SKU, a record
 * still in use. Server actions turn it into their `{ ok: false, message, fieldErrors }` result.
 */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "RecordError";
  }
}

export const staleRecordMessage = (what: string) =>
  `Someone else changed this ${what} while you were editing it. Reload the page to see their changes; yours were not saved.`;

export const missingRecordMessage = (what: string) =>
  `This ${what} no longer exists; someone may have deleted it.`;
