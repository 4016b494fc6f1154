import { describe, expect, it } from "vitest";
import { appendForwardedFor, resolveClientAddress } from "@/lib/auth/client-address";

describe("client address", () => {
  it("with no trusted proxy is the socket's address, whatever the client wrote", () => {
    const header = appendForwardedFor("6.6.6.6, 7.7.7.7", "203.0.113.5");
    expect(resolveClientAddress(header, 0)).toBe("203.0.113.5");
  });

  it("behind one proxy is the address that proxy saw, not what the client wrote before it", () => {
    // The client forged 6.6.6.6; the proxy appended the real client; our front appended the proxy.
    const header = appendForwardedFor("6.6.6.6, 198.51.100.20", "10.0.0.2");
    expect(resolveClientAddress(header, 1)).toBe("198.51.100.20");
  });

  it("behind two proxies skips both", () => {
    expect(resolveClientAddress("1.1.1.1, 198.51.100.20, 10.0.0.3, 10.0.0.2", 2)).toBe("198.51.100.20");
  });

  it("with more hops configured than entries takes the leftmost", () => {
    expect(resolveClientAddress("198.51.100.20, 10.0.0.2", 5)).toBe("198.51.100.20");
  });

  it("spells an IPv4 client of a dual-stack socket as IPv4", () => {
    expect(resolveClientAddress(appendForwardedFor(undefined, "::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("says unknown when there is nothing to go on", () => {
    expect(resolveClientAddress(null, 0)).toBe("unknown");
    expect(appendForwardedFor(undefined, undefined)).toBe("unknown");
  });
});
