import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { listAudit } from "@/lib/db/queries/audit";
import { getXeroSettings, listTaxMappings } from "@/lib/db/queries/xero-settings";
import { xeroContactIssues } from "@/lib/db/schema";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  consent,
  isRefresh,
  lastRequestId,
  simEnv,
  simPost,
  simRequests,
  simState,
  startSimForApp,
} from "./sim-helpers";

// lib/env reads process.env on first import, so the simulator starts (and sets the env) first.
const sim = await startSimForApp();
const { createTestDatabase } = await import("../../support/test-database");
const { createDb } = await import("@/lib/db/client");
const { applyDefaultMappings } = await import("@/lib/linking/default-mappings");
const { getXeroConnection, updateXeroConnection } = await import("@/lib/db/queries/xero-connection");
const { ensureEnabledCurrencies } = await import("@/lib/xero/reference-data");
const { loadTimeZone } = await import("@/lib/factory/time-zone");
const {
  activateOrganisation,
  completeConsent,
  disconnectOrganisation,
  needsChoice,
  OrganisationSwitchNeedsConfirmation,
} = await import("@/lib/xero/connect");
const { buildConsentUrl } = await import("@/lib/xero/api/identity");
const { withXero } = await import("@/lib/xero/api/session");
const { XeroError } = await import("@/lib/xero/api/errors");
const { getUsableConnection, openTokenSet, refreshIdleConnection, sealTokenSet } =
  await import("@/lib/xero/api/token-store");
const { insertUser } = await import("@/lib/db/queries/users");

const run = promisify(execFile);
// A database of this file's own: the connection is a single row, and other files' records and forms
// follow the organisation it names (its currencies, its links).
const database = await createTestDatabase("xero_connection");
const { db, close } = createDb(database.url, { max: 8 });
const NZ = "Demo Fabrication NZ";
const UK = "Demo Fabrication UK";
const admin = await insertUser(db, {
  email: `xero-admin-${Date.now()}@test`,
  name: "Xero Admin",
  role: "admin",
  passwordHash: "not-used",
});

/** The whole browser round trip, as /api/xero/connect and /api/xero/callback do it. */
async function connectTo(
  organisations: string[],
  options: { confirmSwitch?: boolean; choose?: string } = {},
) {
  const state = crypto.randomUUID();
  const callback = await consent(sim, await buildConsentUrl(state), { organisations });
  const completed = await completeConsent(callback, state);
  const chosen = completed.tenants.find((t) => t.tenantName === (options.choose ?? organisations[0]));
  if (!chosen) throw new Error("chosen organisation missing");
  await activateOrganisation(db, {
    tokens: completed.tokens,
    tenantId: chosen.tenantId,
    userId: admin.id,
    confirmSwitch: options.confirmSwitch ?? false,
  });
  return completed;
}

const organisationCall = () =>
  withXero(
    db,
    async ({ accounting, tenantId }) =>
      (await accounting.getOrganisations(tenantId)).body.organisations?.[0]?.name,
  );

/** Makes the stored access token look about to expire, so the next call must refresh. */
async function expireSoon() {
  const row = await getXeroConnection(db);
  const tokens = openTokenSet(row?.encryptedTokenSet ?? "");
  await updateXeroConnection(db, {
    encryptedTokenSet: sealTokenSet({ ...tokens, expiresAt: Math.floor(Date.now() / 1000) + 30 }),
  });
}

async function reset() {
  await simPost(sim, "/sim/reset");
  // The fresh simulator's windows are empty; so is Factory's record of what it spent there.
  await db.execute(sql`delete from xero_api_calls`);
  await db.execute(sql`delete from xero_rate_budgets`);
  await db.execute(sql`delete from xero_connections`);
  await db.execute(sql`update customers set xero_contact_id = null`);
  await db.execute(sql`delete from xero_settings`);
  await db.execute(sql`delete from xero_tax_mappings`);
  await db.execute(sql`delete from audit_events where entity_type = 'xero_settings'`);
}

afterAll(async () => {
  await close();
  await database.drop();
  await sim.close();
});

describe("connecting", () => {
  beforeEach(reset);

  it("connects one organisation and stores its details and an encrypted token set", async () => {
    const { tokens } = await connectTo([NZ]);
    const row = await getXeroConnection(db);
    expect(row).toMatchObject({
      status: "connected",
      organisationName: NZ,
      shortCode: "!dfNZ1",
      baseCurrency: "NZD",
      timeZone: "NEWZEALANDSTANDARDTIME",
      connectedBy: admin.id,
    });
    // Factory shows dates and times in the organisation's time zone, read while connecting.
    expect(await loadTimeZone(db)).toBe("Pacific/Auckland");
    expect(row?.grantedScopes).toContain("offline_access");
    expect(row?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());

    // The raw row, as anyone with database access would see it: no token in plaintext.
    const [raw] = await db.execute<{ row: string }>(
      sql`select row_to_json(c)::text as row from xero_connections c`,
    );
    expect(raw?.row).not.toContain(tokens.accessToken);
    expect(raw?.row).not.toContain(tokens.refreshToken);
    expect(raw?.row).not.toContain(tokens.accessToken.split(".")[1]);
  });

  it("fills unset accounts and tax mappings from the organisation after connecting, audited", async () => {
    await connectTo([NZ]);
    await applyDefaultMappings(db, admin.id);
    const settings = await getXeroSettings(db);
    expect(settings).toMatchObject({ salesAccountCode: "200", purchaseAccountCode: "300" });
    const gst = (await listTaxMappings(db)).find((m) => m.taxRateName === "GST 15%");
    expect(gst).toMatchObject({ salesTaxType: "OUTPUT2", purchaseTaxType: "INPUT2" });
    const [event] = await listAudit(db, { entityType: "xero_settings" });
    expect(event).toMatchObject({ action: "defaults_from_organisation", userId: admin.id });
    // The organisation's currencies are read with the accounts and tax rates, and kept.
    expect((await getXeroConnection(db))?.enabledCurrencies?.sort()).toEqual(["AUD", "NZD", "USD"]);

    // A second connect keeps what is set: nothing changes, nothing is audited again.
    await applyDefaultMappings(db, admin.id);
    expect(await listAudit(db, { entityType: "xero_settings" })).toHaveLength(1);
  });

  it("records the last successful call and Xero's remaining budget", async () => {
    await connectTo([NZ]);
    await expect(organisationCall()).resolves.toBe(NZ);
    const row = await getXeroConnection(db);
    expect(row?.lastSuccessfulCallAt).toBeInstanceOf(Date);
    expect(row?.callsLeftToday).toBeGreaterThan(0);
    expect(row?.callsLeftThisMinute).toBeGreaterThan(0);
  });

  it("counts the connect's own accounting calls in the organisation's shared budget", async () => {
    await db.execute(sql`delete from xero_api_calls`);
    const mark = await lastRequestId(sim);
    await connectTo([NZ]);
    const accounting = (await simRequests(sim, mark)).filter((r) => r.path.startsWith("/api.xro/2.0/"));
    expect(accounting.map((r) => r.path)).toEqual(["/api.xro/2.0/Organisation", "/api.xro/2.0/Currencies"]);
    // Every call Xero counted is in the ledger every process admits against (lib/xero/rate-limit.ts),
    // or a busy minute plus a reconnect would be one 429 over Xero's 60.
    const [ledger] = await db.execute<{ calls: number; open: number }>(
      sql`select count(*)::int as calls, count(*) filter (where finished_at is null)::int as open from xero_api_calls`,
    );
    expect(ledger).toEqual({ calls: accounting.length, open: 0 });
  });

  it("asks which organisation when several were authorised, and disconnects the others", async () => {
    const state = crypto.randomUUID();
    const callback = await consent(sim, await buildConsentUrl(state), { organisations: [NZ, UK] });
    const completed = await completeConsent(callback, state);
    expect(completed.tenants.map((t) => t.tenantName).sort()).toEqual([NZ, UK]);
    expect(await needsChoice(db, completed.tenants)).toBe(true);

    const uk = completed.tenants.find((t) => t.tenantName === UK);
    await activateOrganisation(db, {
      tokens: completed.tokens,
      tenantId: uk?.tenantId ?? "",
      userId: admin.id,
      confirmSwitch: false,
    });
    expect((await getXeroConnection(db))?.organisationName).toBe(UK);
    expect(await loadTimeZone(db)).toBe("Europe/London");
    const { connections } = await simState(sim);
    expect(connections.map((c) => c.tenantId)).toEqual([uk?.tenantId]);
  });

  it("reports a cancelled consent as access_denied", async () => {
    const callback = new URL(await consent(sim, await buildConsentUrl("s1"), "cancel"));
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("s1");
  });

  it("refuses a callback whose state is not this login's", async () => {
    const callback = await consent(sim, await buildConsentUrl("right-state"), { organisations: [NZ] });
    await expect(completeConsent(callback, "other-state")).rejects.toThrow(/state mismatch/);
  });

  it("disconnects: removes the connection at Xero and revokes the token", async () => {
    await connectTo([NZ]);
    const mark = await lastRequestId(sim);
    await disconnectOrganisation(db, admin.id);
    const requests = await simRequests(sim, mark);
    expect(
      requests.some((r) => r.method === "DELETE" && r.path.startsWith("/connections/") && r.status === 204),
    ).toBe(true);
    expect(requests.some((r) => r.path === "/connect/revocation")).toBe(true);
    expect(await getXeroConnection(db)).toMatchObject({ status: "disconnected", encryptedTokenSet: null });
    expect((await simState(sim)).connections).toEqual([]);
    await expect(organisationCall()).rejects.toMatchObject({ kind: "auth" });
  });
});

describe("tokens", () => {
  beforeEach(async () => {
    await reset();
    await connectTo([NZ]);
  });

  it("refreshes a token about to expire, saves the rotated set, then uses it", async () => {
    await expireSoon();
    const before = openTokenSet((await getXeroConnection(db))?.encryptedTokenSet ?? "");
    const mark = await lastRequestId(sim);
    await expect(organisationCall()).resolves.toBe(NZ);
    const after = openTokenSet((await getXeroConnection(db))?.encryptedTokenSet ?? "");
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now() / 1000 + 1500);
    expect((await simRequests(sim, mark)).filter(isRefresh)).toHaveLength(1);
    expect((await getXeroConnection(db))?.lastRefreshedAt).toBeInstanceOf(Date);
  });

  it("refreshes once when two processes each have 20 calls in flight", async () => {
    await expireSoon();
    const mark = await lastRequestId(sim);
    const script = path.join(import.meta.dirname, "concurrent-calls.ts");
    const env = {
      ...process.env,
      ...simEnv(sim.url),
      DATABASE_URL: database.url,
      CALLS: "20",
    };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const outputs = await Promise.all([1, 2].map(() => run(tsx, [script], { env, timeout: 60_000 })));
    for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual({ ok: 20, failures: [] });

    const requests = await simRequests(sim, mark);
    expect(requests.filter(isRefresh)).toHaveLength(1);
    expect(requests.filter((r) => r.path === "/connect/token" && r.status !== 200)).toEqual([]);
    expect(requests.filter((r) => r.path.startsWith("/api.xro/2.0/Organisation"))).toHaveLength(40);
    expect((await getXeroConnection(db))?.status).toBe("connected");
  });

  it("retries once with a fresh token when Xero expires the access token early", async () => {
    await simPost(sim, "/sim/tokens/expire");
    const mark = await lastRequestId(sim);
    await expect(organisationCall()).resolves.toBe(NZ);
    expect((await simRequests(sim, mark)).filter(isRefresh)).toHaveLength(1);
  });

  it("holding a token another process has since refreshed, and Xero expired that one early too, refreshes again", async () => {
    const mark = await lastRequestId(sim);
    const answer = await withXero(db, async ({ accounting, tenantId }) => {
      // Another process refreshes while this one holds the older token; then Xero expires the
      // newer one early as well. This process's call is refused, and the token it finds stored
      // (the other's) is refused too: it must refresh that one, not give the connection up.
      const held = (await getXeroConnection(db))?.encryptedTokenSet ?? "";
      await getUsableConnection(db, { staleAccessToken: openTokenSet(held).accessToken });
      await simPost(sim, "/sim/tokens/expire");
      return (await accounting.getOrganisations(tenantId)).body.organisations?.[0]?.name;
    });
    expect(answer).toBe(NZ);
    expect((await getXeroConnection(db))?.status).toBe("connected");
    // The other process's refresh and this one's: one each, no more.
    expect((await simRequests(sim, mark)).filter(isRefresh)).toHaveLength(2);
  });

  it("keeps an idle connection alive by refreshing it", async () => {
    expect(await refreshIdleConnection(db, { idleDays: 7 })).toBe(false);
    await updateXeroConnection(db, { refreshTokenIssuedAt: new Date(Date.now() - 8 * 86_400_000) });
    expect(await refreshIdleConnection(db, { idleDays: 7 })).toBe(true);
    const row = await getXeroConnection(db);
    expect(Date.now() - (row?.refreshTokenIssuedAt?.getTime() ?? 0)).toBeLessThan(60_000);
  });

  it("marks needs_reconnect when the refresh token has expired (invalid_grant)", async () => {
    const row = await getXeroConnection(db);
    const tokens = openTokenSet(row?.encryptedTokenSet ?? "");
    await updateXeroConnection(db, {
      encryptedTokenSet: sealTokenSet({
        ...tokens,
        refreshToken: "expired-long-ago",
        expiresAt: Math.floor(Date.now() / 1000),
      }),
    });
    await expect(organisationCall()).rejects.toMatchObject({ kind: "auth" });
    expect(await getXeroConnection(db)).toMatchObject({ status: "needs_reconnect" });
    // Held, not failing repeatedly at Xero: the next call stops before any request.
    const mark = await lastRequestId(sim);
    await expect(organisationCall()).rejects.toBeInstanceOf(XeroError);
    expect(await simRequests(sim, mark)).toEqual([]);
  });
});

describe("Xero-side disconnects and reconnecting", () => {
  beforeEach(async () => {
    await reset();
    await connectTo([NZ]);
  });

  it("flips to needs_reconnect when the grant is revoked in Xero", async () => {
    const { grants } = await simState(sim);
    for (const grant of grants) await simPost(sim, `/sim/grants/${grant.id}/revoke`);
    await expect(organisationCall()).rejects.toMatchObject({ kind: "auth" });
    expect(await getXeroConnection(db)).toMatchObject({ status: "needs_reconnect" });
  });

  it("flips to needs_reconnect when the organisation is disconnected in Xero", async () => {
    const { connections } = await simState(sim);
    for (const c of connections) await simPost(sim, `/sim/connections/${c.id}/disconnect`);
    await expect(organisationCall()).rejects.toMatchObject({ kind: "auth", status: 403 });
    expect((await getXeroConnection(db))?.status).toBe("needs_reconnect");
  });

  it("reconnecting to the same organisation keeps the links and works again", async () => {
    const contactId = crypto.randomUUID();
    await db.execute(
      sql`insert into customers (code, name, currency, xero_contact_id) values (${`C-X${Date.now()}`}, 'Linked', 'NZD', ${contactId})`,
    );
    const { connections } = await simState(sim);
    for (const c of connections) await simPost(sim, `/sim/connections/${c.id}/disconnect`);
    await expect(organisationCall()).rejects.toMatchObject({ kind: "auth" });

    await connectTo([NZ]);
    expect((await getXeroConnection(db))?.status).toBe("connected");
    await expect(organisationCall()).resolves.toBe(NZ);
    const [linked] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from customers where xero_contact_id = ${contactId}`,
    );
    expect(linked?.n).toBe(1);
  });

  it("switching to a different organisation needs confirmation, then clears the links", async () => {
    const contactId = crypto.randomUUID();
    const [customer] = await db.execute<{ id: string }>(
      sql`insert into customers (code, name, currency, xero_contact_id) values (${`C-Y${Date.now()}`}, 'Linked', 'NZD', ${contactId})
          returning id`,
    );
    await db.insert(xeroContactIssues).values({
      partyKind: "customer",
      partyId: customer!.id,
      kind: "update_failed",
      message: "A contact in the old organisation already has this name",
    });
    const state = crypto.randomUUID();
    const completed = await completeConsent(
      await consent(sim, await buildConsentUrl(state), { organisations: [UK] }),
      state,
    );
    expect(await needsChoice(db, completed.tenants)).toBe(true);
    const uk = completed.tenants[0]?.tenantId ?? "";
    await expect(
      activateOrganisation(db, {
        tokens: completed.tokens,
        tenantId: uk,
        userId: admin.id,
        confirmSwitch: false,
      }),
    ).rejects.toBeInstanceOf(OrganisationSwitchNeedsConfirmation);
    expect((await getXeroConnection(db))?.organisationName).toBe(NZ);

    await activateOrganisation(db, {
      tokens: completed.tokens,
      tenantId: uk,
      userId: admin.id,
      confirmSwitch: true,
    });
    expect((await getXeroConnection(db))?.organisationName).toBe(UK);
    // UK's own currencies replace NZ's, read while connecting.
    expect((await getXeroConnection(db))?.enabledCurrencies?.sort()).toEqual(["EUR", "GBP", "USD"]);
    await updateXeroConnection(db, { enabledCurrencies: null });
    expect((await ensureEnabledCurrencies(db)).sort()).toEqual(["EUR", "GBP", "USD"]);
    expect((await getXeroConnection(db))?.enabledCurrencies?.sort()).toEqual(["EUR", "GBP", "USD"]);
    const [linked] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from customers where xero_contact_id is not null`,
    );
    expect(linked?.n).toBe(0);
    expect(await db.select().from(xeroContactIssues)).toHaveLength(0);
  });
});
