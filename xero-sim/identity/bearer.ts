import type { SimContext } from "../context.ts";
import { header, json, type SimRequest, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { Grant } from "../state/store.ts";

export type BearerResult =
  { ok: true; grant: Grant; scopes: string[] } | { ok: false; response: SimResponse };

/** Xero's problem-details body for 401/403 (xero-node #370, #432, #435). */
export function problem(status: 401 | 403, detail: string): SimResponse {
  return json(
    status,
    {
      Type: null,
      Title: status === 401 ? "Unauthorized" : "Forbidden",
      Status: status,
      Detail: detail,
      Instance: newId(),
    },
    status === 401 ? { "www-authenticate": 'Bearer error="invalid_token"' } : undefined,
  );
}

/** "token expired at 11/25/2026 09:30:00", the format of Xero's TokenExpired detail. */
function usDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function authenticateBearer(ctx: SimContext, req: SimRequest): BearerResult {
  const value = header(req, "authorization") ?? "";
  const token = value.startsWith("Bearer ") ? value.slice(7).trim() : "";
  const record = ctx.state.accessTokens.get(token);
  const grant = record ? ctx.state.grants.get(record.grantId) : undefined;
  if (!record || !grant || grant.revokedAt)
    return { ok: false, response: problem(401, "AuthenticationUnsuccessful") };
  if (record.expiresAt <= Date.now()) {
    return {
      ok: false,
      response: problem(401, `TokenExpired: token expired at ${usDateTime(record.expiresAt)}`),
    };
  }
  return { ok: true, grant, scopes: record.scopes };
}
