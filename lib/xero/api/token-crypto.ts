import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Format tags. `v2.<key id>.<iv>.<tag>.<ciphertext>` names the key it was sealed with, so keys can
 * be rotated; `v1.<iv>.<tag>.<ciphertext>` (before rotation existed) is opened by trying each key.
 */
const VERSION = "v2";
const LEGACY_VERSION = "v1";
/** 96-bit IV: the size GCM is designed for (NIST SP 800-38D §5.2.1.1); fresh for every encryption. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One encryption key and the id ciphertexts name it by. */
export interface TokenKey {
  id: string;
  key: Buffer;
}

/** The id of a key given alone (TOKEN_ENCRYPTION_KEY, or a bare key in the list). */
export const DEFAULT_KEY_ID = "default";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("A token encryption key must be 32 bytes, base64 encoded");
  return key;
}

/**
 * The keys, newest first, from `TOKEN_ENCRYPTION_KEYS` ("id:key" entries separated by spaces or
 * commas, newest first) followed by `TOKEN_ENCRYPTION_KEY` (id "default") when it is set and not
 * already listed. Encryption uses the first; decryption any of them.
 */
export function parseTokenKeys(list: string | undefined, single: string | undefined): TokenKey[] {
  const keys: TokenKey[] = [];
  for (const entry of (list ?? "").split(/[\s,]+/).filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : DEFAULT_KEY_ID;
    if (!KEY_ID.test(id)) throw new Error(`Token key id "${id}" must be 1-32 letters, digits, _ or -`);
    if (keys.some((k) => k.id === id)) throw new Error(`Token key id "${id}" is listed twice`);
    keys.push({ id, key: keyFrom(separator > 0 ? entry.slice(separator + 1) : entry) });
  }
  if (single) {
    const key = keyFrom(single);
    if (!keys.some((k) => k.key.equals(key))) {
      if (keys.some((k) => k.id === DEFAULT_KEY_ID))
        throw new Error('Token key id "default" is listed twice');
      keys.push({ id: DEFAULT_KEY_ID, key });
    }
  }
  return keys;
}

/** The configured keys, newest first. */
export function configuredTokenKeys(): TokenKey[] {
  const keys = parseTokenKeys(env.TOKEN_ENCRYPTION_KEYS, env.TOKEN_ENCRYPTION_KEY);
  if (keys.length === 0) {
    throw new Error(
      "TOKEN_ENCRYPTION_KEY is not set. Start the app with `npm run dev` or `npm start`, or set it.",
    );
  }
  return keys;
}

/** A single base64 key (as tests and callers with one key pass it), or a key list. */
type Keys = string | readonly TokenKey[];
const asKeys = (keys: Keys): readonly TokenKey[] =>
  typeof keys === "string" ? [{ id: DEFAULT_KEY_ID, key: keyFrom(keys) }] : keys;

/**
 * Encrypts a secret (the Xero token set as JSON) with AES-256-GCM under the newest key:
 * `v2.<key id>.<iv>.<tag>.<ciphertext>`, the binary parts base64url. The auth tag makes any
 * tampering fail decryption instead of yielding garbage.
 */
export function encryptSecret(plaintext: string, keys: Keys = configuredTokenKeys()): string {
  const [newest] = asKeys(keys);
  if (!newest) throw new Error("No token encryption key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", newest.key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    newest.id,
    ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")),
  ].join(".");
}

function open(key: Buffer, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

/**
 * Reverses {@link encryptSecret} with the key the ciphertext names, or, for a `v1` ciphertext or a
 * key id no longer configured under that name, with whichever key opens it (GCM's tag tells).
 * Throws when no configured key opens it, or on a modified ciphertext.
 */
export function decryptSecret(sealed: string, keys: Keys = configuredTokenKeys()): string {
  const parts = sealed.split(".");
  const [version] = parts;
  const [id, iv, tag, ciphertext] =
    version === VERSION && parts.length === 5
      ? parts.slice(1)
      : version === LEGACY_VERSION && parts.length === 4
        ? [undefined, ...parts.slice(1)]
        : [];
  if (!iv || !tag || ciphertext === undefined) throw new Error("Unrecognised encrypted token format");
  const all = asKeys(keys);
  const named = all.filter((k) => k.id === id);
  for (const candidate of [...named, ...all.filter((k) => k.id !== id)]) {
    try {
      return open(candidate.key, iv, tag, ciphertext);
    } catch {
      // Not this key (or tampered with): the tag check failed; try the next.
    }
  }
  throw new Error(
    id && named.length === 0
      ? `The token was encrypted with key "${id}", which is not configured (TOKEN_ENCRYPTION_KEYS)`
      : "No configured key decrypts the token (wrong key, or the ciphertext was modified)",
  );
}

/** Whether a ciphertext is under an older key (or the old format): `npm run tokens:reencrypt` renews it. */
export function sealedWithOlderKey(sealed: string, keys: Keys = configuredTokenKeys()): boolean {
  const [newest] = asKeys(keys);
  const [version, id] = sealed.split(".");
  return version !== VERSION || id !== newest?.id;
}
