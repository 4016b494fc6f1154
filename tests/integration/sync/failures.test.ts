import { beforeEach, describe, expect, it } from "vitest";
import { APP_URL } from "./support/sim-env";
import { syncSuite } from "./support/suite";

const { sim, ctx } = await syncSuite("sync_failures", {
  worker: { timeoutMs: 1500, retry: { retryDelay: 1, retryLimit: 6, retryDelayMax: 2 } },
});
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { sendDocument } = await import("@/lib/sync/send-document");
const { resumeHeldDocuments } = await import("@/lib/sync/resume");
const { getSyncState, listSyncLog, requestSend } = await import("@/lib/db/queries/sync-states");
const { xeroSettings } = await import("@/lib/db/schema");
const { eq } = await import("drizzle-orm");
const { createQuote } = await import("@/lib/factory/quotes");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const { activateOrganisation, completeConsent } = await import("@/lib/xero/connect");
const { buildConsentUrl } = await import("@/lib/xero/api/identity");
const { consent, NZ } = await import("../xero-sim/harness");
const fixtures = await import("../documents/fixtures");

beforeEach(async () => {
  await simAdmin(sim, "DELETE", "/sim/faults");
});

const newQuote = () =>
  createQuote(
    ctx.db,
    fixtures.quoteForm(ctx.customerId, {
      lines: [fixtures.line({ quantity: "2", unitPrice: "10", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );

const stateIs = (id: string, want: string, timeoutMs = 20_000) =>
  waitFor(
    `quote ${id} ${want}`,
    async () => {
      const state = await getSyncState(ctx.db, "quote", id);
      return state?.state === want ? state : undefined;
    },
    timeoutMs,
  );

/** Exactly one Xero quote carries this Factory quote's number. */
async function expectOneXeroQuote(number: string) {
  const quotes = (await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.Reference === number);
  expect(quotes).toHaveLength(1);
  expect(quotes[0]).toMatchObject({ Status: "DRAFT", Total: 23 });
  return quotes[0];
}

const quoteWrites = async () => {
  const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
    requests: { method: string; path: string; status: number }[];
  };
  return requests.filter((r) => r.path.startsWith("/api.xro/2.0/Quotes") && r.method !== "GET");
};

describe("failures are retried or held, and never duplicate a document", () => {
  it("retries through 500s with backoff", async () => {
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "error",
      status: 500,
      times: 2,
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const quote = await newQuote();
    await stateIs(quote.id, "sent");
    await expectOneXeroQuote(quote.number);
    const log = await listSyncLog(ctx.db, { recordId: quote.id });
    const outcomes = log.map((entry) => entry.outcome).reverse();
    expect(outcomes.at(-1)).toBe("success");
    expect(log.filter((entry) => entry.outcome === "retrying" && entry.httpStatus === 500)).toHaveLength(2);
  });

  it("retries after a call that times out", async () => {
    await simAdmin(sim, "POST", "/sim/faults", { kind: "hang", times: 1, pathPrefix: "/api.xro/2.0/Quotes" });
    const quote = await newQuote();
    await stateIs(quote.id, "sent");
    await expectOneXeroQuote(quote.number);
  });

  it("waits out a 429 storm, honouring Retry-After", async () => {
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "rate-limit",
      retryAfterSeconds: 1,
      times: 3,
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const quotes = await Promise.all([newQuote(), newQuote(), newQuote()]);
    for (const quote of quotes) {
      await stateIs(quote.id, "sent");
      await expectOneXeroQuote(quote.number);
    }
  });

  it("keeps Xero's own message when it refuses the data, and waits for a person", async () => {
    await ctx.db.update(xeroSettings).set({ salesAccountCode: "999" }).where(eq(xeroSettings.id, 1));
    try {
      const order = await createSalesOrder(
        ctx.db,
        fixtures.salesOrderForm(ctx.customerId, { lines: [fixtures.line({ taxRateId: ctx.gstId })] }),
        ctx.userId,
      );
      const state = await waitFor("order failed", async () => {
        const s = await getSyncState(ctx.db, "sales_order", order.id);
        return s?.state === "failed" ? s : undefined;
      });
      expect(state.lastError).toMatch(/999/);
      expect(state.xeroId).toBeNull();
    } finally {
      await ctx.db.update(xeroSettings).set({ salesAccountCode: "200" }).where(eq(xeroSettings.id, 1));
    }
  });

  it("sends nothing twice when the same job is delivered twice, at once or one after the other", async () => {
    await ctx.db.update(xeroSettings).set({ autoSendQuotes: false }).where(eq(xeroSettings.id, 1));
    try {
      const quote = await newQuote();
      await requestSend(ctx.db, "quote", [quote.id], { newRevision: false });
      const options = {
        appUrl: APP_URL,
        timeoutMs: 5000,
        leaseMs: 30_000,
        retry: { firstDelayMs: 1000, maxDelayMs: 2000 },
      };
      const job = { type: "quote" as const, id: quote.id };
      const before = (await quoteWrites()).length;
      const twins = await Promise.allSettled([
        sendDocument(ctx.db, job, options),
        sendDocument(ctx.db, job, options),
      ]);
      expect(twins.filter((t) => t.status === "fulfilled")).toHaveLength(1);
      await sendDocument(ctx.db, job, options);
      expect((await quoteWrites()).length - before).toBe(1);
      expect((await getSyncState(ctx.db, "quote", quote.id))?.state).toBe("sent");
      await expectOneXeroQuote(quote.number);
    } finally {
      await ctx.db.update(xeroSettings).set({ autoSendQuotes: true }).where(eq(xeroSettings.id, 1));
    }
  });

  it("holds the queue when the connection is revoked, and resumes after reconnecting", async () => {
    await simAdmin(sim, "POST", "/sim/grants/revoke-all");
    const held = await Promise.all([newQuote(), newQuote()]);
    for (const quote of held) {
      const state = await stateIs(quote.id, "waiting_reconnect");
      expect(state.lastError).toMatch(/reconnect/i);
    }
    const consentState = crypto.randomUUID();
    const { location } = await consent(await buildConsentUrl(consentState), { organisations: [NZ] });
    const { tokens, tenants } = await completeConsent(location, consentState);
    await activateOrganisation(ctx.db, {
      tokens,
      tenantId: tenants[0]!.tenantId,
      userId: ctx.userId,
      confirmSwitch: true,
    });
    await resumeHeldDocuments(ctx.db);
    for (const quote of held) {
      await stateIs(quote.id, "sent");
      await expectOneXeroQuote(quote.number);
    }
  });
});
