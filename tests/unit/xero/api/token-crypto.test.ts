import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  parseTokenKeys,
  sealedWithOlderKey,
} from "@/lib/xero/api/token-crypto";

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
    expect(Buffer.from(a.split(".")[4] ?? "", "base64url").toString("utf8")).not.toContain("refresh");
  });

  it("refuses a modified ciphertext (authenticated)", () => {
    const [version, id, iv, tag, body = ""] = encryptSecret(secret, key).split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => decryptSecret([version, id, iv, tag, bytes.toString("base64url")].join("."), key)).toThrow();
  });

  it("refuses the wrong key", () => {
    expect(() => decryptSecret(encryptSecret(secret, key), randomBytes(32).toString("base64"))).toThrow();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encryptSecret(secret, randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});

describe("token key rotation", () => {
  const oldKey = randomBytes(32).toString("base64");
  const newKey = randomBytes(32).toString("base64");
  const keyring = parseTokenKeys(`2026-12:${newKey} 2026-01:${oldKey}`, undefined);

  /** A ciphertext in the format used before keys had ids. */
  function legacyV1(plaintext: string, base64Key: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64Key, "base64"), iv, { authTagLength: 16 });
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  it("reads the key list newest first, then TOKEN_ENCRYPTION_KEY as 'default' unless already listed", () => {
    expect(keyring.map((k) => k.id)).toEqual(["2026-12", "2026-01"]);
    expect(parseTokenKeys(`new:${newKey}`, oldKey).map((k) => k.id)).toEqual(["new", "default"]);
    expect(parseTokenKeys(`new:${newKey},old:${oldKey}`, oldKey).map((k) => k.id)).toEqual(["new", "old"]);
    expect(parseTokenKeys(undefined, oldKey).map((k) => k.id)).toEqual(["default"]);
    expect(() => parseTokenKeys(`a:${newKey} a:${oldKey}`, undefined)).toThrow(/twice/);
    expect(() => parseTokenKeys(`bad.id:${newKey}`, undefined)).toThrow(/letters/);
    expect(() => parseTokenKeys(`short:${randomBytes(16).toString("base64")}`, undefined)).toThrow(
      /32 bytes/,
    );
  });

  it("encrypts with the newest key and names it", () => {
    const sealed = encryptSecret(secret, keyring);
    expect(sealed.split(".").slice(0, 2)).toEqual(["v2", "2026-12"]);
    expect(decryptSecret(sealed, [{ id: "2026-12", key: Buffer.from(newKey, "base64") }])).toBe(secret);
    expect(sealedWithOlderKey(sealed, keyring)).toBe(false);
  });

  it("decrypts with any configured key: an older key's, and the format before key ids", () => {
    const underOld = encryptSecret(secret, parseTokenKeys(`2026-01:${oldKey}`, undefined));
    expect(decryptSecret(underOld, keyring)).toBe(secret);
    expect(sealedWithOlderKey(underOld, keyring)).toBe(true);
    const legacy = legacyV1(secret, oldKey);
    expect(decryptSecret(legacy, keyring)).toBe(secret);
    expect(decryptSecret(legacy, oldKey)).toBe(secret);
    expect(sealedWithOlderKey(legacy, keyring)).toBe(true);
    // A key renamed in the configuration still opens what it sealed.
    expect(decryptSecret(underOld, parseTokenKeys(`renamed:${oldKey}`, undefined))).toBe(secret);
  });

  it("says which key is missing once it has been removed", () => {
    const underOld = encryptSecret(secret, parseTokenKeys(`2026-01:${oldKey}`, undefined));
    expect(() => decryptSecret(underOld, parseTokenKeys(`2026-12:${newKey}`, undefined))).toThrow(
      /key "2026-01", which is not configured/,
    );
  });
});
