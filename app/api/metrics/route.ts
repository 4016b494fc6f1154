import { metricsAccess, renderMetrics } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics (lib/ops/metrics.ts), for a scraper holding METRICS_TOKEN as a bearer token:
 * 404 while no token is configured, 401 for a missing or wrong one. Not behind the session: a
 * scraper has no user.
 */
export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "not_configured") return new Response("Not Found", { status: 404 });
  if (access === "refused") {
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
