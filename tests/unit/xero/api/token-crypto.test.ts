import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/xero/api/token-crypto";

const key = randomBytes(32).toString("base64");
const secret = JSON.stringify({ accessToken: "eyJhbGciOi.access", refreshToken: "refresh-abc" });

describe("token encryption", () => {
  it("round-trips a token set", () => {
    expect(decryptSecret(encryptSecret(secret, key), key)).toBe(secret);
  });

  it("never contains the plaintext and uses a fresh IV each time", () => {
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("refresh-abc");
    expect(Buffer.from(a.split(".")[3] ?? "", "base64url").toString("utf8")).not.toContain("refresh");
  });

  it("refuses a modified ciphertext (authenticated)", () => {
    const [version, iv, tag, body = ""] = encryptSecret(secret, key).split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => decryptSecret([version, iv, tag, bytes.toString("base64url")].join("."), key)).toThrow();
  });

  it("refuses the wrong key", () => {
    expect(() => decryptSecret(encryptSecret(secret, key), randomBytes(32).toString("base64"))).toThrow();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encryptSecret(secret, randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
