import { env } from "@/lib/env";

/**
 * Where a request came from, for the sign-in throttle and the sessions list.
 *
 * Each proxy in front of the app appends the address it was connected from to `X-Forwarded-For`, and
 * the app's own HTTP front (scripts/web-server.ts) appends the socket's address last. So the chain
 * reads client-written entries first, then one entry per trusted proxy, then the socket. With
 * `TRUSTED_PROXY_HOPS` proxies in front, the client is the entry that many places left of the last
 * one; everything further left was written by the client and is ignored. With none (the default), it
 * is the socket address itself.
 */
export function resolveClientAddress(forwardedFor: string | null | undefined, trustedHops: number): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - trustedHops)]!);
}

/** `X-Forwarded-For` with the socket's address appended, as a proxy adds its peer. */
export function appendForwardedFor(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
) {
  const previous = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor;
  const socket = socketAddress ?? "unknown";
  return previous ? `${previous}, ${socket}` : socket;
}

/** IPv4 clients of a dual-stack socket show up as `::ffff:a.b.c.d`; one client, one spelling. */
function normaliseAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").slice(0, 100);
}

/** The client address of a request the app's HTTP front passed on. */
export function clientAddress(headers: Headers): string {
  return resolveClientAddress(headers.get("x-forwarded-for"), env.TRUSTED_PROXY_HOPS);
}
