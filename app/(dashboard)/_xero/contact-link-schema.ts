import { z } from "zod";

const kind = z.enum(["customer", "supplier"]);

/** Type-ahead search: anything typed is a search term; Xero gets at most its name length. */
export const contactSearchSchema = z.object({ term: z.string().max(20_000) });

export const linkContactSchema = z.object({
  kind,
  partyId: z.uuid(),
  contactId: z.uuid(),
  restore: z.boolean().default(false),
  /** Write the record's code into the contact's ContactNumber, when it has none. */
  writeContactNumber: z.boolean().default(false),
});

export const partyRefSchema = z.object({ kind, partyId: z.uuid() });

export const createContactSchema = z.object({
  kind,
  partyId: z.uuid(),
  createAnyway: z.boolean().default(false),
});

/** The new-customer / new-supplier form's "Also create in Xero" box. */
export const alsoCreateInXeroSchema = z.object({ createInXero: z.boolean().default(false) });
