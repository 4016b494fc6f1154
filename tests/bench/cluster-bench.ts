/**
 * Many processes, one database, at full size: 1,000 documents created through two web processes
 * (`npm start`) while a random one of two `npm run worker` processes is killed with SIGKILL every
 * few seconds, against the simulator with Xero's own limits (60 calls a minute: expect 20 minutes
 * or more). Prints the figures and fails (exit 1) if a document is missing or duplicated in Xero,
 * more than 5 calls were in flight or 60 within a minute, a 429 came back, or the refreshes don't
 * match the token expiries. The same run at a smaller size is part of `npm test`
 * (tests/cluster/cluster.test.ts).
 *
 * Needs the production build: `NEXT_DIST_DIR=.next-test NEXT_SKIP_TYPECHECK=1 npx next build`.
 * Run: `npm run bench:cluster` (options `--documents=N`, `--per-minute=N` documents created a
 * minute, `--workers=quick` for the tests' worker entry with shorter leases than `npm run worker`). Uses TEST_DATABASE_URL when set,
 * otherwise an embedded PostgreSQL.
 */
import { describeFigures, runCluster } from "../cluster/run-cluster";

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const documents = Number(option("documents") ?? 1000);
const figures = await runCluster({
  documents,
  workers: option("workers") === "quick" ? "quick recovery" : "npm run worker",
  // Five a second: the workers are killed for the 3 to 4 minutes the documents take to create.
  createPerMinute: Number(option("per-minute") ?? 300),
});
console.log(describeFigures(figures));

const broken = [
  figures.inXeroOnce !== figures.documents &&
    `${figures.documents - figures.inXeroOnce} not in Xero exactly once`,
  figures.missing > 0 && `${figures.missing} missing`,
  figures.duplicates > 0 && `${figures.duplicates} duplicates`,
  figures.stateMismatches > 0 && `${figures.stateMismatches} sync states not matching Xero`,
  figures.peakInFlight > 5 && `peak in flight ${figures.peakInFlight} > 5`,
  figures.peakPerMinute > 60 && `peak per minute ${figures.peakPerMinute} > 60`,
  figures.rateLimited > 0 && `${figures.rateLimited} 429s`,
  figures.refreshes !== figures.expiries && `${figures.refreshes} refreshes for ${figures.expiries} expiries`,
  figures.refreshRefusals > 0 && `${figures.refreshRefusals} refreshes refused`,
].filter(Boolean);
if (broken.length > 0) {
  console.error(`FAILED: ${broken.join("; ")}`);
  process.exit(1);
}
console.log("OK");
process.exit(0);
