/**
 * The simulator in a process of its own, so the benchmark's worker and the "Xero" it calls don't
 * share one event loop. Argument: the limits as JSON. Prints the simulator's URL once listening.
 */
import { startXeroSim } from "../../xero-sim/server.ts";

const limits = JSON.parse(process.argv[2] ?? "{}") as Record<string, number>;
const sim = await startXeroSim({ port: 0, quiet: true, limits });
console.log(sim.url);
process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
