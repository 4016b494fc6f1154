import type { SyncDocumentType } from "@/lib/db/schema";

/**
 * The documents this process holds a send lease on (claimed by `claimSyncState(s)`), so a worker
 * that stops before its sends finish can let go of them at once (`releaseSendLeases`) instead of
 * leaving them leased until the lease runs out.
 */
export class HeldDocuments {
  #held = new Map<string, { type: SyncDocumentType; id: string }>();

  add(type: SyncDocumentType, ids: readonly string[]): void {
    for (const id of ids) this.#held.set(`${type}:${id}`, { type, id });
  }

  delete(type: SyncDocumentType, ids: readonly string[]): void {
    for (const id of ids) this.#held.delete(`${type}:${id}`);
  }

  get size(): number {
    return this.#held.size;
  }

  /** The held ids grouped by type. */
  byType(): Map<SyncDocumentType, string[]> {
    const grouped = new Map<SyncDocumentType, string[]>();
    for (const { type, id } of this.#held.values()) grouped.set(type, [...(grouped.get(type) ?? []), id]);
    return grouped;
  }
}
