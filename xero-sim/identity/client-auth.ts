import { DEMO_APP } from "../config.ts";
import { header, type SimRequest } from "../http/types.ts";

/**
 * `client_secret_basic` (RFC 6749 §2.3.1): id and secret are form-encoded, then base64'd.
 * Xero's token and revocation endpoints take only this method, as does xero-node.
 */
export function authenticateClient(req: SimRequest): string | undefined {
  const value = header(req, "authorization");
  if (!value?.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(value.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  const id = decode(decoded.slice(0, colon));
  const secret = decode(decoded.slice(colon + 1));
  return id === DEMO_APP.clientId && secret === DEMO_APP.clientSecret ? id : undefined;
}
