import { contactsByName, saveContact } from "../accounting/contact-store.ts";
import { contact } from "../state/seed.ts";
import type { OrgRecord } from "../state/types.ts";

/**
 * Adds `count` generated contacts quickly (tests need 10,000 for import and paging). Names are
 * numbered after the highest existing one with the same prefix, so repeated calls never clash;
 * IDs are derived from organisation, prefix and number, so a reseed gives the same IDs.
 */
export function seedContacts(org: OrgRecord, count: number, prefix: string): number {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} (\\d+)$`);
  let start = 0;
  for (const c of contactsByName(org)) {
    const n = pattern.exec(c.Name)?.[1];
    if (n) start = Math.max(start, Number(n));
  }
  const now = Date.now();
  for (let i = 1; i <= count; i++) {
    const n = String(start + i).padStart(5, "0");
    saveContact(
      org,
      contact(
        org.tenantId,
        `${prefix}:${n}`,
        {
          Name: `${prefix} ${n}`,
          ContactNumber: `GEN-${n}`,
          EmailAddress: `contact${n}@generated.example`,
          IsCustomer: true,
        },
        now,
      ),
    );
  }
  return count;
}
