import type { SimContext } from "../context.ts";
import { json, type SimRequest, type SimResponse } from "../http/types.ts";
import type { Connection } from "../state/store.ts";
import { authenticateBearer } from "./bearer.ts";

/** The wire shape of xero-identity.yaml `Connection` (the owner fields stay internal). */
function toWire(c: Connection) {
  return {
    id: c.id,
    authEventId: c.authEventId,
    tenantId: c.tenantId,
    tenantType: c.tenantType,
    tenantName: c.tenantName,
    createdDateUtc: c.createdDateUtc,
    updatedDateUtc: c.updatedDateUtc,
  };
}

/** GET /connections: every organisation this user has connected to this app (optionally one auth event's). */
export function listConnections(ctx: SimContext, req: SimRequest): SimResponse {
  const auth = authenticateBearer(ctx, req);
  if (!auth.ok) return auth.response;
  const authEventId = req.url.searchParams.get("authEventId");
  const list = [...ctx.state.connections.values()].filter(
    (c) =>
      c.userId === auth.grant.userId &&
      c.clientId === auth.grant.clientId &&
      (!authEventId || c.authEventId === authEventId),
  );
  return json(200, list.map(toWire));
}

/** DELETE /connections/{id}: 204, or 404 when the id is not one of this user's connections. */
export function deleteConnection(ctx: SimContext, req: SimRequest, id: string): SimResponse {
  const auth = authenticateBearer(ctx, req);
  if (!auth.ok) return auth.response;
  const connection = ctx.state.connections.get(id);
  if (!connection || connection.userId !== auth.grant.userId || connection.clientId !== auth.grant.clientId) {
    return json(404, { Title: "Not Found", Status: 404, Detail: `Connection ${id} was not found` });
  }
  ctx.state.connections.delete(id);
  return { status: 204, text: "" };
}

export function isConnected(ctx: SimContext, userId: string, clientId: string, tenantId: string): boolean {
  for (const c of ctx.state.connections.values()) {
    if (c.tenantId === tenantId && c.userId === userId && c.clientId === clientId) return true;
  }
  return false;
}
