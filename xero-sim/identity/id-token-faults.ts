/**
 * Broken id_tokens on demand (`POST /sim/identity/id-token-faults`), so tests can prove a client refuses
 * each: the next id_token issued by a code exchange is spoiled one way, then they are sound again.
 * - `wrong-audience`: `aud` names another app;
 * - `wrong-issuer`: `iss` is not the discovered issuer;
 * - `bad-signature`: signed by a key that is not in the JWKS (same `kid`, so only the signature tells);
 * - `expired`: `exp` ten minutes ago;
 * - `wrong-nonce`: a `nonce` other than the one the authorize request sent.
 */
export const ID_TOKEN_FAULTS = [
  "wrong-audience",
  "wrong-issuer",
  "bad-signature",
  "expired",
  "wrong-nonce",
] as const;

export type IdTokenFault = (typeof ID_TOKEN_FAULTS)[number];

export function isIdTokenFault(value: unknown): value is IdTokenFault {
  return typeof value === "string" && (ID_TOKEN_FAULTS as readonly string[]).includes(value);
}

/** The claims as a spoiled token carries them; `bad-signature` is applied when signing. */
export function spoilClaims(claims: Record<string, unknown>, fault: IdTokenFault): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  switch (fault) {
    case "wrong-audience":
      return { ...claims, aud: "another-app" };
    case "wrong-issuer":
      return { ...claims, iss: "https://identity.example.invalid" };
    case "expired":
      return { ...claims, nbf: now - 900, iat: now - 900, exp: now - 600 };
    case "wrong-nonce":
      return { ...claims, nonce: "not-the-nonce-the-client-sent" };
    case "bad-signature":
      return claims;
  }
}
