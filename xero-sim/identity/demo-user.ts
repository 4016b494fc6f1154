import { stableId } from "../state/ids.ts";

/** The one Xero user who "logs in" to the simulator; consent is given on their behalf. */
export const DEMO_USER = {
  id: stableId("user:demo"),
  email: "demo.user@factory.example",
  givenName: "Demo",
  familyName: "User",
} as const;
