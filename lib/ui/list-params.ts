/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** Longest search term a list accepts; anything longer is cut, not refused. */
const MAX_SEARCH_LENGTH = 200;

export function readParam(params: SearchParams, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function readSearch(params: SearchParams): string {
  return readParam(params, "q").trim().slice(0, MAX_SEARCH_LENGTH);
}

export function readPage(params: SearchParams): number {
  const page = Number.parseInt(readParam(params, "page"), 10);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** A URL value that must be one of `choices`; anything else (a stale bookmark, a typo) gets the default. */
export function readChoice<T extends string>(
  params: SearchParams,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = readParam(params, key);
  return (choices as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The list's URL with some parameters changed; empty values are dropped so URLs stay short and
 * shareable. Changing anything but the page sends the reader back to page 1.
 */
export function listHref(
  path: string,
  current: Record<string, string>,
  changes: Record<string, string>,
): string {
  const next = { ...current, ...changes };
  if (!("page" in changes)) delete next.page;
  const kept = Object.entries(next).filter(
    ([key, value]) => value !== "" && !(key === "page" && value === "1"),
  );
  const query = new URLSearchParams(kept);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Whether a route segment can be a record id; anything else is a 404, not a database error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
