/**
 * A separate process for the concurrency test: fires `CALLS` Xero calls at once through withXero,
 * sharing the test's database (and so its token row and row lock), and prints what happened.
 */
import { createDb } from "@/lib/db/client";
import { requireEnv } from "@/lib/env";
import { XeroError } from "@/lib/xero/api/errors";
import { withXero } from "@/lib/xero/api/session";

const calls = Number(process.env.CALLS ?? 20);
const { db, close } = createDb(requireEnv("DATABASE_URL"), { max: 5 });
const results = await Promise.allSettled(
  Array.from({ length: calls }, () =>
    withXero(
      db,
      async ({ accounting, tenantId }) =>
        (await accounting.getOrganisations(tenantId)).body.organisations?.length,
    ),
  ),
);
await close();
const failures = results.flatMap((r) =>
  r.status === "rejected"
    ? [r.reason instanceof XeroError ? `${r.reason.kind}: ${r.reason.message}` : String(r.reason)]
    : [],
);
process.stdout.write(JSON.stringify({ ok: results.length - failures.length, failures }));
