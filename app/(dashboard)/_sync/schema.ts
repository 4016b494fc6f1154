import { z } from "zod";
import { syncDocumentType } from "@/lib/db/schema";

export const sendToXeroSchema = z.object({
  type: z.enum(syncDocumentType.enumValues),
  id: z.uuid(),
  /** "Resend": send again even when Xero already has the latest version. */
  resend: z.boolean().default(false),
});

export const queueSendAllUnsentSchema = z.object({ type: z.enum(syncDocumentType.enumValues) });

/** The documents a "Send all unsent" took (queueSendAllUnsent's answer), to ask how far it has got. */
export const bulkSendProgressSchema = z.object({
  type: z.enum(syncDocumentType.enumValues),
  ids: z.array(z.uuid()).max(100_000),
  since: z.iso.datetime(),
});

export const retryAllFailedSchema = z.object({});

export const readBackStampSchema = z.object({ type: z.enum(syncDocumentType.enumValues), id: z.uuid() });

export const onlineInvoiceLinkSchema = z.object({ type: z.enum(syncDocumentType.enumValues), id: z.uuid() });

export const emailFromXeroSchema = z.object({
  type: z.enum(syncDocumentType.enumValues),
  id: z.uuid(),
  /** One per confirmation, so a double click or a retried request sends one email. */
  idempotencyKey: z.uuid(),
});
