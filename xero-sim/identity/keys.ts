import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
} from "jose";

/** The RS256 key that signs id_tokens and access tokens; its public half is served as the JWKS. */
export interface SigningKeys {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  sign(claims: JWTPayload): Promise<string>;
  /** Signs with a key that is not in the JWKS but names this one's `kid`: a forged token, for tests. */
  signForged(claims: JWTPayload): Promise<string>;
}

/** Reuses a persisted key when there is one, so tokens stay verifiable across a dev restart. */
export async function loadOrCreateKeys(saved?: JWK): Promise<SigningKeys> {
  const privateJwk =
    saved ?? (await exportJWK((await generateKeyPair("RS256", { extractable: true })).privateKey));
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
  const { kty, n, e } = privateJwk;
  const publicJwk: JWK = { kty, n, e, kid, use: "sig", alg: "RS256" };
  const key = await importJWK({ ...privateJwk, alg: "RS256" }, "RS256");
  return {
    kid,
    publicJwk,
    privateJwk: { ...privateJwk, kid },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(key),
    signForged: async (claims) => {
      const { privateKey } = await generateKeyPair("RS256");
      return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(privateKey);
    },
  };
}
