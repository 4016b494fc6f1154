import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "staff"]);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull().default("staff"),
    active: boolean().notNull().default(true),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("users_email_lower_key").on(sql`lower(${table.email})`)],
);

export type User = typeof users.$inferSelect;

/**
 * One row per sign-in. The session cookie carries the row's id, and every request checks the row, so
 * signing out (or an admin's "sign out everywhere", a password reset, a role change, deactivation)
 * ends the session on the server rather than only clearing the browser's cookie.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    /** The client address as resolved through the trusted proxy hops, and the browser it said it was. */
    ipAddress: text(),
    userAgent: text(),
  },
  (table) => [index("user_sessions_user_idx").on(table.userId, table.lastSeenAt)],
);

export type UserSession = typeof userSessions.$inferSelect;

/** Failed sign-ins per key ("email:…" or "ip:…"), for slowing down password guessing. */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});
