import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** The user_sessions row this sign-in started. */
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
  }
}
