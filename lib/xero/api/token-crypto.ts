import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { requireEnv } from "@/lib/env";

/** Format tag, so a future key rotation or cipher change can tell old ciphertexts apart. */
const VERSION = "v1";
/** 96-bit IV: the size GCM is designed for (NIST SP 800-38D §5.2.1.1); fresh for every encryption. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("TOKEN_ENCRYPTION_KEY must be 32 bytes, base64 encoded");
  return key;
}

/**
 * Encrypts a secret (the Xero token set as JSON) with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`,
 * each part base64url. The auth tag makes any tampering fail decryption instead of yielding garbage.
 */
export function encryptSecret(plaintext: string, base64Key = requireEnv("TOKEN_ENCRYPTION_KEY")): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(base64Key), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Reverses {@link encryptSecret}; throws on a wrong key or a modified ciphertext. */
export function decryptSecret(sealed: string, base64Key = requireEnv("TOKEN_ENCRYPTION_KEY")): string {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new Error("Unrecognised encrypted token format");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(base64Key), Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}
