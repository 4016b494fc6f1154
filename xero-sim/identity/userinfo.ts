import type { SimContext } from "../context.ts";
import { json, type SimRequest, type SimResponse } from "../http/types.ts";
import { authenticateBearer } from "./bearer.ts";
import { DEMO_USER, identityClaims } from "./demo-user.ts";

/**
 * GET userinfo (OIDC Core §5.3): the signed-in person's claims for the access token's scopes, the same
 * as its id_token's. Xero serves it at https://identity.xero.com/connect/userinfo and its discovery
 * document names it (docs/xero/api-behaviour.md#sign-in-with-xero). A token without `openid` is
 * refused with `insufficient_scope` (OIDC Core §5.3.3, RFC 6750 §3.1).
 */
export function userInfo(ctx: SimContext, req: SimRequest): SimResponse {
  const auth = authenticateBearer(ctx, req);
  if (!auth.ok) return auth.response;
  if (!auth.scopes.includes("openid")) {
    return json(
      403,
      { error: "insufficient_scope", error_description: "The access token lacks the openid scope" },
      { "www-authenticate": 'Bearer error="insufficient_scope", scope="openid"' },
    );
  }
  return json(200, identityClaims(auth.grant.user ?? DEMO_USER, auth.scopes), {
    "cache-control": "no-store",
  });
}
