import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startXeroSim, type RunningXeroSim } from "../../../xero-sim/server.ts";
import { createTestDatabase, freePort, type TestDatabase } from "../../support/test-database";
import { e2eAppEnv } from "../support/config";

const SCREENSHOTS = path.resolve(".test-data", "screenshots");

/**
 * Sign up with Xero needs an install nobody has signed up to yet, so this spec runs a Factory of its
 * own: a fresh database with no user, a simulator of its own, and the production web process
 * (scripts/web-server.ts, from the same build) on a free port.
 */
let database: TestDatabase;
let sim: RunningXeroSim;
let web: ChildProcess;
let origin: string;
let sql: postgres.Sql;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createTestDatabase("e2e_fresh");
  const port = await freePort();
  origin = `http://localhost:${port}`;
  sim = await startXeroSim({
    port: await freePort(),
    quiet: true,
    redirectUris: [`${origin}/api/xero/callback`, `${origin}/api/auth/callback/xero`],
  });
  web = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/web-server.ts")], {
    env: {
      ...e2eAppEnv({ databaseUrl: database.url, simulatorUrl: sim.url }),
      PORT: String(port),
      APP_URL: origin,
      XERO_REDIRECT_URI: `${origin}/api/xero/callback`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  web.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  web.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 60_000 }).toMatch(/listening on port \d+/);
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
  await sql?.end();
  web?.kill("SIGTERM");
  await sim?.close();
  await database?.drop();
});

test("on a fresh install, Sign up with Xero makes the admin and connects the organisation in one consent", async ({
  page,
  browser,
}) => {
  expect(await sql`select 1 from users`).toHaveLength(0);
  await page.goto(`${origin}/sign-in`);
  await expect(page.getByRole("heading", { name: "Set up Factory" })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "sign-up-fresh-install.png"), fullPage: true });

  await page.getByRole("link", { name: "Sign up with Xero" }).click();
  await page.waitForURL(/\/identity\/connect\/authorize/);
  const scopes = new URL(page.url()).searchParams.get("scope")?.split(" ") ?? [];
  expect(scopes).toEqual(
    expect.arrayContaining(["openid", "profile", "email", "offline_access", "accounting.invoices"]),
  );
  await expect(page.getByRole("checkbox", { name: "Demo Fabrication NZ" })).toBeChecked();
  await page.getByRole("button", { name: "Allow access" }).click();

  await expect(page).toHaveURL(`${origin}/xero?connected=1`);
  await expect(page.getByText("Connected to Xero.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Demo Fabrication NZ" })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "sign-up-connected.png"), fullPage: true });

  const users = await sql<
    { email: string; name: string; role: string }[]
  >`select email, name, role from users`;
  expect(users).toEqual([{ email: "demo.user@factory.example", name: "Demo User", role: "admin" }]);
  const connections = await sql<{ status: string; organisation_name: string }[]>`
    select status, organisation_name from xero_connections`;
  expect(connections).toEqual([{ status: "connected", organisation_name: "Demo Fabrication NZ" }]);
  expect(await sql`select 1 from user_sessions where revoked_at is null`).toHaveLength(1);

  // Set up now: the next visitor gets the ordinary sign-in page, and the sign-up is closed.
  const stranger = await browser.newPage();
  await stranger.goto(`${origin}/sign-in`);
  await expect(stranger.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(stranger.getByRole("link", { name: "Sign up with Xero" })).toHaveCount(0);
  await stranger.goto(`${origin}/api/xero/sign-up`);
  await expect(stranger).toHaveURL(`${origin}/sign-in?error=already_set_up`);
  await expect(stranger.getByText("Factory already has its administrator. Sign in instead.")).toBeVisible();
  await stranger.close();
  expect(await sql`select 1 from users`).toHaveLength(1);
});
