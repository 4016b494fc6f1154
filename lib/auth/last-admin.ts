/** Why an admin can't be made staff or deactivated: Factory would be left with nobody to manage it. */
export const LAST_ADMIN_REASON =
  "Factory needs at least one active administrator. Make someone else an admin first.";

/**
 * True when `user` is the only active administrator: making them staff or deactivating them is
 * refused on the server (keepAnAdmin) and not offered on the users page.
 */
export function isLastActiveAdmin(
  user: { role: "admin" | "staff"; active: boolean },
  activeAdmins: number,
): boolean {
  return user.role === "admin" && user.active && activeAdmins <= 1;
}
