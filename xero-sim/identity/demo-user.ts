import { stableId } from "../state/ids.ts";

/** A person signed in to (the simulated) Xero: whose consent a grant records and whom its id_token names. */
export interface XeroUser {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
}

/** The Xero user who is signed in to the simulator until a test signs in someone else (`PUT /sim/identity/user`). */
export const DEMO_USER: XeroUser = {
  id: stableId("user:demo"),
  email: "demo.user@factory.example",
  givenName: "Demo",
  familyName: "User",
};

/** Another Xero user; the same email always gets the same id (Xero's `xero_userid` is stable per person). */
export function xeroUser(input: { email: string; givenName?: string; familyName?: string }): XeroUser {
  return {
    id: stableId(`user:${input.email.toLowerCase()}`),
    email: input.email,
    givenName: input.givenName ?? "",
    familyName: input.familyName ?? "",
  };
}

/**
 * The identity claims Xero puts in its id_token and answers at its userinfo endpoint for the granted
 * scopes (xero-node `XeroIdToken`, dist/XeroClient.d.ts:14-32): `email` with the email scope, the
 * names and `preferred_username` with profile. Xero sends no `email_verified`: it verifies a person's
 * address before their login works (developer.xero.com/documentation/oauth2/sign-in: "email address
 * verification").
 */
export function identityClaims(user: XeroUser, scopes: string[]): Record<string, string> {
  return {
    sub: user.id,
    xero_userid: user.id,
    ...(scopes.includes("email") ? { email: user.email } : {}),
    ...(scopes.includes("profile")
      ? { preferred_username: user.email, given_name: user.givenName, family_name: user.familyName }
      : {}),
  };
}
