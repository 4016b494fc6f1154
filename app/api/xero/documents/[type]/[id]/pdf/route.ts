import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/ops/logger";
import { downloadXeroPdf } from "@/lib/sync/deliver-document";
import { DOCUMENT_PATHS } from "@/lib/sync/delivery";

const params = z.object({
  type: z.enum(Object.keys(DOCUMENT_PATHS) as [keyof typeof DOCUMENT_PATHS]),
  id: z.uuid(),
});

/**
 * "Download PDF": the document as Xero renders it (GET /{Endpoint}/{id} as application/pdf), for any
 * signed-in staff member. The path names the document as its page does: /api/xero/documents/invoices/{id}/pdf.
 * A refusal answers in words (plain text) with Xero's message, so the browser shows why.
 */
export async function GET(_request: Request, context: { params: Promise<{ type: string; id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new NextResponse("Sign in to download documents.", { status: 401 });
  const parsed = params.safeParse(await context.params);
  if (!parsed.success) return new NextResponse("No such document.", { status: 404 });
  try {
    const { bytes, fileName } = await downloadXeroPdf(getDb(), {
      type: DOCUMENT_PATHS[parsed.data.type],
      id: parsed.data.id,
      userId: user.id,
    });
    return new NextResponse(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.info({ err: error.message }, "PDF download refused");
    return new NextResponse(`Xero could not give this PDF: ${error.message}`, {
      status: 409,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}
