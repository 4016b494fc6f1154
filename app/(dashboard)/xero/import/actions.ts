"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { setImportRowsAction } from "@/lib/db/queries/contact-imports";
import {
  beginImport,
  cancelContactImport,
  fetchNextImportPage,
  importNextBatch,
  startContactImport,
  type ImportProgress,
} from "@/lib/linking/contact-import";
import type { StepProgress } from "@/components/xero/import/step-runner";
import { importRefSchema, setRowsActionSchema, startImportSchema } from "./schema";

function toStep(progress: ImportProgress): StepProgress {
  return {
    status: progress.run.status,
    done: progress.done,
    total: progress.total,
    busy: progress.busy ?? false,
    lastError: progress.run.lastError,
  };
}

const admin = { role: "admin" } as const;

export const startImport = authedAction(
  startImportSchema,
  async (input, { user }) => {
    const run = await startContactImport(getDb(), { ...input, userId: user.id });
    revalidatePath("/xero/import");
    return { importId: run.id };
  },
  admin,
);

/** Step 2: one page of contacts per call; the wizard calls again until the run is "reviewing". */
export const fetchNextPage = authedAction(
  importRefSchema,
  async ({ importId }) => toStep(await fetchNextImportPage(getDb(), importId)),
  admin,
);

export const setRowsAction = authedAction(
  setRowsActionSchema,
  async ({ importId, target, change }) => {
    const changed = await setImportRowsAction(getDb(), importId, target, change);
    revalidatePath("/xero/import");
    return { changed };
  },
  admin,
);

export const startImporting = authedAction(
  importRefSchema,
  async ({ importId }) => {
    await beginImport(getDb(), importId);
    revalidatePath("/xero/import");
  },
  admin,
);

/** Step 4: one batch of rows per call, until the run is "completed". */
export const importNext = authedAction(
  importRefSchema,
  async ({ importId }, { user }) => toStep(await importNextBatch(getDb(), importId, user.id)),
  admin,
);

export const cancelImport = authedAction(
  importRefSchema,
  async ({ importId }) => {
    await cancelContactImport(getDb(), importId);
    revalidatePath("/xero/import");
  },
  admin,
);
