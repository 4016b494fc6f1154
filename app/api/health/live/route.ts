export const dynamic = "force-dynamic";

/** Liveness, public: the process is up and serving. Touches nothing else, so a database outage never gets the app restarted. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
