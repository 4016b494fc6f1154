import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { listSealedTokenSets, replaceSealedTokenSet } from "@/lib/db/queries/xero-connection";
import { users, xeroConnections, xeroPendingAuthorisations } from "@/lib/db/schema";
import { decryptSecret, encryptSecret, parseTokenKeys } from "@/lib/xero/api/token-crypto";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

const OLD_KEY = randomBytes(32).toString("base64");
const NEW_KEY = randomBytes(32).toString("base64");
const oldOnly = parseTokenKeys(`2026-01:${OLD_KEY}`, undefined);
const newOnly = parseTokenKeys(`2026-12:${NEW_KEY}`, undefined);
const TOKENS = JSON.stringify({ accessToken: "access-abc", refreshToken: "refresh-def", expiresAt: 1 });
const PENDING = JSON.stringify({
  accessToken: "access-pending",
  refreshToken: "refresh-pending",
  expiresAt: 2,
});

let database: TestDatabase;
let db: Db;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase("key_rotation");
  ({ db, close: closeDb } = createDb(database.url, { max: 2 }));
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@factory.test`, name: "Admin", passwordHash: "x", role: "admin" })
    .returning({ id: users.id });
  await db.insert(xeroConnections).values({
    status: "connected",
    tenantId: randomUUID(),
    organisationName: "Demo",
    connectedAt: new Date(),
    encryptedTokenSet: encryptSecret(TOKENS, oldOnly),
  });
  await db.insert(xeroPendingAuthorisations).values({
    userId: user!.id,
    encryptedTokenSet: encryptSecret(PENDING, oldOnly),
    tenants: [],
  });
}, 60_000);

afterAll(async () => {
  await closeDb();
  await database.drop();
});

/** `npm run tokens:reencrypt` for real, deployed-style, with the given key list. */
function reencrypt(keys: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/tokens-reencrypt.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: "key-rotation-test-secret-0123456789abcdef",
      TOKEN_ENCRYPTION_KEY: "",
      TOKEN_ENCRYPTION_KEYS: keys,
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

const stored = async () =>
  Object.fromEntries((await listSealedTokenSets(db)).map((s) => [s.place, s.sealed]));

describe("rotating TOKEN_ENCRYPTION_KEY", () => {
  it("re-encrypts every stored token set under the newest key; the old key can then go", async () => {
    const first = await reencrypt(`2026-12:${NEW_KEY} 2026-01:${OLD_KEY}`);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('"reencrypted":2');
    expect(first.output).not.toContain(NEW_KEY);
    expect(first.output).not.toContain("refresh-def");

    const after = await stored();
    for (const sealed of Object.values(after))
      expect(sealed.split(".").slice(0, 2)).toEqual(["v2", "2026-12"]);
    expect(decryptSecret(after.connection!, newOnly)).toBe(TOKENS);
    expect(decryptSecret(after.pending_authorisation!, newOnly)).toBe(PENDING);
    expect(() => decryptSecret(after.connection!, oldOnly)).toThrow();

    // Again: nothing left to do.
    const second = await reencrypt(`2026-12:${NEW_KEY} 2026-01:${OLD_KEY}`);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('"reencrypted":0');
    expect(second.output).toContain('"current":2');
    expect(await stored()).toEqual(after);
  }, 60_000);

  it("never overwrites a token set rewritten meanwhile (a refresh)", async () => {
    const [connection] = (await listSealedTokenSets(db)).filter((s) => s.place === "connection");
    const refreshed = encryptSecret(TOKENS.replace("refresh-def", "refresh-new"), newOnly);
    await db.update(xeroConnections).set({ encryptedTokenSet: refreshed }).where(eq(xeroConnections.id, 1));
    expect(await replaceSealedTokenSet(db, connection!, encryptSecret(TOKENS, newOnly))).toBe(false);
    expect((await stored()).connection).toBe(refreshed);
  });
});
