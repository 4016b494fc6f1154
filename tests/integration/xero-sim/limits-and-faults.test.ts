import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningXeroSim, XeroSimOptions } from "@/xero-sim/server";
import { admin, clientFor, connect, consent, NZ, sdkError, startSim, UK } from "./harness";

/** Each test starts its own simulator with compressed limits, so no test waits on a real minute. */
const running: RunningXeroSim[] = [];
async function sim(options: XeroSimOptions = {}) {
  const s = await startSim(options);
  running.push(s);
  const session = await connect(s, { organisations: [NZ, UK] });
  return { s, ...session, nz: session.tenantId(NZ), uk: session.tenantId(UK) };
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe("rate limits", () => {
  it("puts the three limit headers on every response and counts them down", async () => {
    const { client, nz } = await sim();
    const first = await client.accountingApi.getOrganisations(nz);
    const second = await client.accountingApi.getOrganisations(nz);
    const h1 = first.response.headers as Record<string, string>;
    const h2 = second.response.headers as Record<string, string>;
    expect(h1["x-minlimit-remaining"]).toBe("59");
    expect(h1["x-daylimit-remaining"]).toBe("4999");
    expect(h1["x-appminlimit-remaining"]).toBe("9999");
    expect(h2["x-minlimit-remaining"]).toBe("58");
    // Error answers carry them too.
    const error = await sdkError(client.accountingApi.getContact(nz, "00000000-0000-4000-8000-000000000000"));
    expect(error.response.statusCode).toBe(404);
    expect(error.response.headers["x-minlimit-remaining"]).toBe("57");
  });

  it("answers past the per-minute limit with 429, Retry-After and X-Rate-Limit-Problem, until the window rolls", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
    const { client, nz } = await sim({ limits: { perMinute: 3 } });
    for (let i = 0; i < 3; i++) await client.accountingApi.getCurrencies(nz);
    const limited = await sdkError(client.accountingApi.getCurrencies(nz));
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers["x-rate-limit-problem"]).toBe("minute");
    expect(Number(limited.response.headers["retry-after"])).toBe(60);
    expect(limited.response.headers["x-minlimit-remaining"]).toBe("0");
    vi.setSystemTime(new Date("2026-11-25T10:01:01Z"));
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
  });

  it("compresses the windows: a 2-second 'minute' gives Retry-After of 2 seconds", async () => {
    const { client, nz } = await sim({ limits: { perMinute: 1, minuteWindowMs: 2000 } });
    await client.accountingApi.getCurrencies(nz);
    const limited = await sdkError(client.accountingApi.getCurrencies(nz));
    expect(limited.response.headers["retry-after"]).toBe("2");
  });

  it("enforces the daily limit per organisation", async () => {
    const { client, nz, uk } = await sim({ limits: { perDay: 2 } });
    // Every answer says what is left of the day (X-DayLimit-Remaining, docs/xero/api-behaviour.md#rate-limits), the 429 too.
    const first = await client.accountingApi.getCurrencies(nz);
    expect((first.response.headers as Record<string, string>)["x-daylimit-remaining"]).toBe("1");
    const second = await client.accountingApi.getCurrencies(nz);
    expect((second.response.headers as Record<string, string>)["x-daylimit-remaining"]).toBe("0");
    const limited = await sdkError(client.accountingApi.getCurrencies(nz));
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers["x-daylimit-remaining"]).toBe("0");
    expect(limited.response.headers["x-rate-limit-problem"]).toBe("day");
    expect(Number(limited.response.headers["retry-after"])).toBeGreaterThan(86_000);
    await expect(client.accountingApi.getCurrencies(uk)).resolves.toBeTruthy();
  });

  it("gives an organisation a smaller daily limit through the admin API, as Xero's smaller tiers have, and says when calls were counted", async () => {
    const { s, client, nz, uk } = await sim({ limits: { dayWindowMs: 60_000 } });
    await client.accountingApi.getCurrencies(nz);
    await client.accountingApi.getCurrencies(nz);
    // Two calls made today, then the organisation's tier allows two: the day is spent.
    expect(await admin(s, "POST", `/sim/orgs/${nz}/limits`, { perDay: 2 })).toMatchObject({
      day: 2,
      perDay: 2,
    });
    const limited = await sdkError(client.accountingApi.getCurrencies(nz));
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers["x-rate-limit-problem"]).toBe("day");
    expect(limited.response.headers["x-daylimit-remaining"]).toBe("0");
    expect(Number(limited.response.headers["retry-after"])).toBeGreaterThan(55);
    const other = await client.accountingApi.getCurrencies(uk);
    expect((other.response.headers as Record<string, string>)["x-daylimit-remaining"]).toBe("4999");
    const { requests } = await admin<{
      requests: { path: string; status: number; at: string; countedAt?: string }[];
    }>(s, "GET", "/sim/requests");
    const accounting = requests.filter((r) => r.path.startsWith("/api.xro/2.0/"));
    // Admitted calls say when the limiter counted them; a refused one was never counted.
    const admitted = accounting.filter((r) => r.status === 200);
    expect(admitted).toHaveLength(3);
    for (const call of admitted)
      expect(Date.parse(call.countedAt ?? "")).toBeLessThanOrEqual(Date.parse(call.at));
    expect(accounting.find((r) => r.status === 429)?.countedAt).toBeUndefined();
    expect(await admin(s, "POST", `/sim/orgs/${nz}/limits`, { perDay: null })).toMatchObject({
      perDay: 5000,
    });
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
    await expect(admin(s, "POST", `/sim/orgs/${nz}/limits`, { perDay: -1 })).rejects.toThrow(
      /400.*whole number/,
    );
  });

  it("allows only so many calls in flight per organisation", async () => {
    const { s, client, nz } = await sim({ limits: { concurrent: 2 } });
    await admin(s, "POST", "/sim/faults", { kind: "latency", latencyMs: 300, times: 3 });
    const results = await Promise.allSettled([1, 2, 3].map(() => client.accountingApi.getCurrencies(nz)));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(1);
    const reason = refused[0] as PromiseRejectedResult;
    const parsed = JSON.parse(reason.reason as string) as { response: { headers: Record<string, string> } };
    expect(parsed.response.headers["x-rate-limit-problem"]).toBe("concurrent");
  });

  it("enforces the per-app minute limit across organisations", async () => {
    const { client, nz, uk } = await sim({ limits: { appPerMinute: 3 } });
    await client.accountingApi.getCurrencies(nz);
    await client.accountingApi.getCurrencies(nz);
    const third = await client.accountingApi.getCurrencies(uk);
    expect((third.response.headers as Record<string, string>)["x-appminlimit-remaining"]).toBe("0");
    const limited = await sdkError(client.accountingApi.getCurrencies(uk));
    expect(limited.response.headers["x-rate-limit-problem"]).toBe("appminute");
  });
});

describe("faults", () => {
  it("adds latency", async () => {
    const { s, client, nz } = await sim();
    await admin(s, "POST", "/sim/faults", { kind: "latency", latencyMs: 250, times: 1 });
    const started = performance.now();
    await client.accountingApi.getCurrencies(nz);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    const log = await admin<{ requests: { fault?: string }[] }>(s, "GET", "/sim/requests?limit=1");
    expect(log.requests[0]?.fault).toBe("latency 250ms");
  });

  it("answers 500 once, then recovers", async () => {
    const { s, client, nz } = await sim();
    await admin(s, "POST", "/sim/faults", { kind: "error", status: 500, times: 1 });
    expect((await sdkError(client.accountingApi.getCurrencies(nz))).response.statusCode).toBe(500);
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
  });

  it("answers 503 for one organisation until the fault is cleared", async () => {
    const { s, client, nz, uk } = await sim();
    await admin(s, "POST", "/sim/faults", { kind: "error", status: 503, tenantId: uk });
    expect((await sdkError(client.accountingApi.getCurrencies(uk))).response.statusCode).toBe(503);
    expect((await sdkError(client.accountingApi.getCurrencies(uk))).response.statusCode).toBe(503);
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
    await admin(s, "DELETE", "/sim/faults");
    await expect(client.accountingApi.getCurrencies(uk)).resolves.toBeTruthy();
  });

  it("never answers a hung call, so the client's timeout fires", async () => {
    const { s, nz } = await sim();
    const client = await clientFor(s, { timeoutMs: 300 });
    await client.apiCallback((await consent(await client.buildConsentUrl())).location);
    await admin(s, "POST", "/sim/faults", { kind: "hang", times: 1 });
    const error = await sdkError(client.accountingApi.getCurrencies(nz));
    expect(error.response.statusCode).not.toBe(200);
    expect(JSON.stringify(error)).toMatch(/timeout/i);
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
  });

  it("holds a call until the fault is removed, then answers it as usual", async () => {
    const { s, client, nz } = await sim();
    const { id } = await admin<{ id: string }>(s, "POST", "/sim/faults", {
      kind: "hold",
      method: "GET",
      times: 1,
    });
    let answered = false;
    const held = client.accountingApi.getCurrencies(nz).then((answer) => {
      answered = true;
      return answer;
    });
    const listed = async () =>
      (await admin<{ faults: { id: string; hits: number }[] }>(s, "GET", "/sim/faults")).faults;
    await vi.waitFor(async () => expect(await listed()).toEqual([expect.objectContaining({ id, hits: 1 })]));
    // The hold is used up: other calls go by while the first waits.
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
    expect(answered).toBe(false);
    await admin(s, "DELETE", `/sim/faults/${id}`);
    expect((await held).body.currencies?.length).toBeGreaterThan(0);
    expect(await listed()).toEqual([]);
  });

  it("makes a held create once released, though its client gave up waiting", async () => {
    const { s, nz } = await sim();
    const client = await clientFor(s, { timeoutMs: 300 });
    await client.apiCallback((await consent(await client.buildConsentUrl())).location);
    const { id } = await admin<{ id: string }>(s, "POST", "/sim/faults", {
      kind: "hold",
      method: "PUT",
      times: 1,
    });
    const name = `Held ${Date.now()}`;
    const error = await sdkError(client.accountingApi.createContacts(nz, { contacts: [{ name }] }));
    expect(JSON.stringify(error)).toMatch(/timeout/i);
    await vi.waitFor(async () => {
      const { faults } = await admin<{ faults: { id: string; hits: number }[] }>(s, "GET", "/sim/faults");
      expect(faults.find((f) => f.id === id)?.hits).toBe(1);
    });
    const contactsNamed = async () =>
      (await admin<{ records: { Name: string }[] }>(s, "GET", `/sim/orgs/${nz}/contacts`)).records.filter(
        (c) => c.Name === name,
      );
    expect(await contactsNamed()).toHaveLength(0);
    await admin(s, "DELETE", `/sim/faults/${id}`);
    await vi.waitFor(async () => expect(await contactsNamed()).toHaveLength(1));
  });

  it("can hang the token endpoint; the retry with the same refresh token then works", async () => {
    const { s } = await sim();
    const client = await clientFor(s, { timeoutMs: 300 });
    await client.apiCallback((await consent(await client.buildConsentUrl())).location);
    await admin(s, "POST", "/sim/faults", { kind: "hang", pathPrefix: "/connect/token", times: 1 });
    await expect(client.refreshToken()).rejects.toThrow(/timed out/);
    await expect(client.refreshToken()).resolves.toHaveProperty("access_token");
  });

  it("storms 429s with the chosen Retry-After", async () => {
    const { s, client, nz } = await sim();
    await admin(s, "POST", "/sim/faults", { kind: "rate-limit", retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await sdkError(client.accountingApi.getCurrencies(nz));
      expect(limited.response.statusCode).toBe(429);
      expect(limited.response.headers["retry-after"]).toBe("7");
    }
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
  });

  it("takes an organisation offline (503) and back", async () => {
    const { s, client, nz, uk } = await sim();
    await admin(s, "POST", `/sim/orgs/${nz}/offline`, { offline: true });
    const offline = await sdkError(client.accountingApi.getContacts(nz));
    expect(offline.response.statusCode).toBe(503);
    expect(offline.response.body).toMatchObject({ Detail: "The Organisation is offline" });
    await expect(client.accountingApi.getCurrencies(uk)).resolves.toBeTruthy();
    await admin(s, "POST", `/sim/orgs/${nz}/offline`, { offline: false });
    await expect(client.accountingApi.getCurrencies(nz)).resolves.toBeTruthy();
  });

  it("can fail the connections endpoint", async () => {
    const { s, client } = await sim();
    await admin(s, "POST", "/sim/faults", {
      kind: "error",
      status: 500,
      pathPrefix: "/connections",
      times: 1,
    });
    await expect(client.updateTenants()).rejects.toThrow(/500/);
    await expect(client.updateTenants()).resolves.toHaveLength(2);
  });
});

interface Traffic {
  tenants: {
    tenantId: string;
    calls: number;
    peakInFlight: number;
    peakPerWindow: number;
    windowMs: number;
    rateLimited: Record<string, number>;
  }[];
  tokens: { codeExchanges: number; refreshes: number; refreshReplays: number; refreshRefusals: number };
}

describe("traffic figures (GET /sim/traffic)", () => {
  const trafficOf = async (s: RunningXeroSim, tenantId: string) => {
    const traffic = await admin<Traffic>(s, "GET", "/sim/traffic");
    return { tenant: traffic.tenants.find((t) => t.tenantId === tenantId), tokens: traffic.tokens };
  };

  it("counts every call that arrived, refused ones too: the peak in flight and the 429s by limit", async () => {
    const { s, client, nz } = await sim({ limits: { concurrent: 2 } });
    await admin(s, "DELETE", "/sim/traffic");
    // Two calls held 300 ms and a third arriving meanwhile: the limiter admits two, the figures see three.
    await admin(s, "POST", "/sim/faults", { kind: "latency", latencyMs: 300, times: 2 });
    await Promise.allSettled([1, 2, 3].map(() => client.accountingApi.getCurrencies(nz)));
    await client.accountingApi.getCurrencies(nz);
    const { tenant } = await trafficOf(s, nz);
    expect(tenant).toMatchObject({ calls: 4, peakInFlight: 3, rateLimited: { concurrent: 1 } });
  });

  it("keeps the most calls that arrived within one rolling window, per organisation", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
    const { s, client, nz, uk } = await sim({ limits: { minuteWindowMs: 1000 } });
    await admin(s, "DELETE", "/sim/traffic");
    for (let i = 0; i < 3; i++) await client.accountingApi.getCurrencies(nz);
    vi.setSystemTime(new Date("2026-11-25T10:00:00.999Z"));
    await client.accountingApi.getCurrencies(nz);
    // The first three leave the window exactly one window after they arrived, as in Xero's rolling minute.
    vi.setSystemTime(new Date("2026-11-25T10:00:01.500Z"));
    for (let i = 0; i < 2; i++) await client.accountingApi.getCurrencies(nz);
    await client.accountingApi.getCurrencies(uk);
    expect((await trafficOf(s, nz)).tenant).toMatchObject({
      calls: 6,
      peakPerWindow: 4,
      peakInFlight: 1,
      windowMs: 1000,
      rateLimited: {},
    });
    expect((await trafficOf(s, uk)).tenant).toMatchObject({ calls: 1, peakPerWindow: 1 });
  });

  it("counts what the token endpoint did: code exchanges, refreshes, grace replays and refusals", async () => {
    const { s, tokenSet } = await sim();
    expect((await trafficOf(s, "")).tokens).toEqual({
      codeExchanges: 1,
      refreshes: 0,
      refreshReplays: 0,
      refreshRefusals: 0,
    });
    const refresh = async (token: string) => {
      const response = await fetch(`${s.url}/connect/token`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from("demo-client:demo-secret").toString("base64")}` },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token }),
      });
      return (await response.json()) as { refresh_token?: string };
    };
    const first = tokenSet.refresh_token ?? "";
    const rotated = await refresh(first);
    // The answer was "lost": the same token again inside the grace period gets the same set back.
    expect((await refresh(first)).refresh_token).toBe(rotated.refresh_token);
    await refresh(rotated.refresh_token ?? "");
    await refresh(first);
    expect((await trafficOf(s, "")).tokens).toEqual({
      codeExchanges: 1,
      refreshes: 2,
      refreshReplays: 1,
      refreshRefusals: 1,
    });
    await admin(s, "POST", "/sim/reset");
    expect((await trafficOf(s, "")).tokens).toMatchObject({ codeExchanges: 0, refreshes: 0 });
  });
});
