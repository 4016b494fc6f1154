import { describe, expect, it } from "vitest";
import { describeFigures, runCluster } from "./run-cluster";

/**
 * Many processes, one database (issue 14): two web processes and two workers, a worker killed with
 * SIGKILL every few seconds, Xero's real limits. CLUSTER_DOCUMENTS sets the size; the default fits
 * `npm test` (Xero's 60 calls a minute make each document cost a second); `npm run bench:cluster`
 * runs 1,000 with `npm run worker` itself.
 */
const DOCUMENTS = Number(process.env.CLUSTER_DOCUMENTS ?? 120);

describe("many web processes and workers on one database", () => {
  it(
    `sends ${DOCUMENTS} documents to Xero exactly once within its limits, one refresh per token expiry`,
    async () => {
      const figures = await runCluster({ documents: DOCUMENTS, workers: "quick recovery" });
      console.log(describeFigures(figures));
      expect(figures.kills).toBeGreaterThanOrEqual(5);
      expect(figures.expiries).toBeGreaterThanOrEqual(1);
      expect({
        inXeroOnce: figures.inXeroOnce,
        missing: figures.missing,
        duplicates: figures.duplicates,
        stateMismatches: figures.stateMismatches,
      }).toEqual({ inXeroOnce: DOCUMENTS, missing: 0, duplicates: 0, stateMismatches: 0 });
      expect(figures.peakInFlight).toBeLessThanOrEqual(5);
      expect(figures.peakPerMinute).toBeLessThanOrEqual(60);
      expect(figures.minuteWindowMs).toBe(60_000);
      expect(figures.rateLimited).toBe(0);
      expect(figures.refreshes).toBe(figures.expiries);
      expect(figures.refreshRefusals).toBe(0);
    },
    (DOCUMENTS / 50 + 10) * 60_000,
  );
});
