import { afterEach, describe, expect, it, vi } from "vitest";

async function freshHealthRoute() {
  vi.resetModules();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  return import("@/app/api/health/route");
}

describe("/api/health", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  });

  it("answers 200 when the database answers", async () => {
    const { GET } = await freshHealthRoute();
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("answers 503 when the database is unreachable", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:9/nowhere");
    const { GET } = await freshHealthRoute();
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
  });
});
