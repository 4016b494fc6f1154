import { checkReadiness } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

/** Readiness, public: 200 when the database answers and the sync queue is moving, else 503 (lib/ops/health.ts). */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
