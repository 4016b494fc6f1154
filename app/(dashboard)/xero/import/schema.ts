import { z } from "zod";

/** Step 1: which contacts to fetch. */
export const startImportSchema = z.object({
  sides: z.enum(["customers", "suppliers", "both"], { error: "Choose what to import" }),
  includeArchived: z.boolean().default(false),
});

export const importRefSchema = z.object({ importId: z.uuid() });

const rowAction = z.enum(["link", "create", "skip"]);
const side = z.enum(["customer", "supplier"]);

/** Step 3: change the action of one row, or of every row the review's filter shows. */
export const setRowsActionSchema = z.object({
  importId: z.uuid(),
  target: z.union([
    z.object({ rowIds: z.array(z.uuid()).min(1).max(1000) }),
    z.object({
      filter: z.object({
        search: z.string().max(200),
        action: z.enum(["all", "link", "create", "skip", "already_linked"]),
        outcome: z.literal("all"),
      }),
    }),
  ]),
  change: z.object({ action: rowAction.optional(), side: side.optional() }),
});
