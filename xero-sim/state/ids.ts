import { createHash, randomUUID } from "node:crypto";

/** A stable UUID derived from a label, so seeded records keep their IDs across restarts and runs. */
export function stableId(label: string): string {
  const hex = createHash("sha1").update(label).digest("hex");
  // Shape it as an RFC 4122 version-5 UUID so spec `format: uuid` checks accept it.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function newId(): string {
  return randomUUID();
}
