import { receiveXeroWebhook } from "@/lib/sync/webhook-endpoint";

export const dynamic = "force-dynamic";

/**
 * Xero's webhooks (lib/sync/webhook-endpoint.ts). In production the web process's own front answers
 * them before Next's routing (scripts/web-server.ts); this handler serves them under `npm run dev`.
 */
export async function POST(request: Request): Promise<Response> {
  return receiveXeroWebhook(request);
}
