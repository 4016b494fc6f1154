import postgres from "postgres";
import { startEmbeddedPostgres } from "../../../lib/db/embedded";

/**
 * Test helper process: starts an embedded PostgreSQL on the given directory and port, writes a row,
 * says "ready" and then waits to be killed — as `npm run dev` does when someone kills it.
 */
const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port), database: "crash" });
const sql = postgres(server.url, { max: 1, onnotice: () => {} });
await sql`create table if not exists marks (note text)`;
await sql`insert into marks values ('written before the crash')`;
await sql.end();
console.log("ready");
setInterval(() => {}, 1 << 30);
