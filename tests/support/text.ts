/**
 * A valid email address of exactly `length` characters: a one-letter local part and a domain of
 * labels of at most 63 characters, as DNS allows, so only its length can be refused.
 */
export function emailOfLength(length: number): string {
  const domain = "example.co";
  let middle = "";
  let local = "a";
  for (;;) {
    const room = length - (local.length + 1 + middle.length + domain.length);
    if (room <= 0) break;
    if (room === 1) {
      local += "a";
      break;
    }
    middle += `${"m".repeat(Math.min(62, room - 1))}.`;
  }
  return `${local}@${middle}${domain}`;
}
