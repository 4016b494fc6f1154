import type { SimContext } from "../context.ts";
import { json, parseJsonBody, type SimRequest } from "../http/types.ts";
import type { Router } from "../http/router.ts";
import type { EventCategory } from "../ops/changes.ts";
import { ALL_CATEGORIES } from "../ops/webhooks.ts";

/**
 * The webhook subscription, as set in Xero's developer portal (delivery URL, webhook key,
 * categories), and the delivery log for tests. `/sim/webhooks` is the app's subscription (every
 * organisation); `/sim/orgs/{tenantId}/webhooks` gives one organisation its own. Documented in
 * xero-sim/README.md ("Webhooks").
 */

const bad = (message: string) => json(400, { error: message });

function input(req: SimRequest): Record<string, unknown> {
  const parsed = parseJsonBody(req);
  return typeof parsed === "object" && parsed !== null && !(parsed instanceof Error)
    ? (parsed as Record<string, unknown>)
    : {};
}

function parseSubscription(
  body: Record<string, unknown>,
): { url: string; key: string; categories?: EventCategory[] } | string {
  const { url, key, categories } = body;
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) return "url must be an http(s) URL";
  if (typeof key !== "string" || key === "") return "key (the webhook key) is required";
  if (categories === undefined) return { url, key };
  if (
    !Array.isArray(categories) ||
    categories.length === 0 ||
    !categories.every((c) => ALL_CATEGORIES.includes(c as EventCategory))
  ) {
    return `categories must be some of ${ALL_CATEGORIES.join(", ")}`;
  }
  return { url, key, categories: categories as EventCategory[] };
}

export function registerWebhookAdmin(router: Router, ctx: SimContext): void {
  const scopeOf = (params: Record<string, string>) => (params.tenantId ?? "*").toLowerCase();
  const knownScope = (scope: string) => scope === "*" || ctx.state.orgs.has(scope);

  const put = (req: SimRequest, params: Record<string, string>) => {
    const scope = scopeOf(params);
    if (!knownScope(scope)) return json(404, { error: "organisation not found" });
    const parsed = parseSubscription(input(req));
    if (typeof parsed === "string") return bad(parsed);
    ctx.webhooks.subscribe(scope, parsed);
    return json(200, ctx.webhooks.snapshot());
  };
  const remove = (_req: SimRequest, params: Record<string, string>) =>
    ctx.webhooks.unsubscribe(scopeOf(params))
      ? json(200, { ok: true })
      : json(404, { error: "no such subscription" });
  const intent = async (_req: SimRequest, params: Record<string, string>) => {
    const result = await ctx.webhooks.intentToReceive(scopeOf(params));
    return result ? json(200, result) : json(404, { error: "no such subscription" });
  };

  router
    .add("GET", "/sim/webhooks", () => json(200, ctx.webhooks.snapshot()))
    .add("PUT", "/sim/webhooks", put)
    .add("DELETE", "/sim/webhooks", remove)
    .add("POST", "/sim/webhooks/intent-to-receive", intent)
    .add("POST", "/sim/webhooks/flush", async () => {
      await ctx.webhooks.flush();
      return json(200, ctx.webhooks.snapshot());
    })
    .add("DELETE", "/sim/webhooks/deliveries", () => {
      ctx.webhooks.clearLog();
      return json(200, { ok: true });
    })
    .add("PUT", "/sim/orgs/:tenantId/webhooks", put)
    .add("DELETE", "/sim/orgs/:tenantId/webhooks", remove)
    .add("POST", "/sim/orgs/:tenantId/webhooks/intent-to-receive", intent);
}
