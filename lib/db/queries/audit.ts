import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { auditEvents, type AuditEvent } from "../schema";

export interface AuditInput {
  userId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records who changed what, with the values before and after. Call it inside the change's transaction. */
export async function recordAudit(db: Executor, input: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({ ...input, before: input.before ?? null, after: input.after ?? null });
}

export function listAudit(
  db: Executor,
  filter: { entityType: string; entityId?: string; action?: string; limit?: number },
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, filter.entityType),
        filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
        filter.action ? eq(auditEvents.action, filter.action) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at))
    .limit(filter.limit ?? 50);
}
