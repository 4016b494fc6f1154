import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Public: load balancers and uptime checks call it. Says only whether the database answers. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "unavailable", database },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
