import "./lib/local-env";
import { startDatabase } from "./lib/prepare";
import { log } from "./lib/runtime";

/** Migrates DATABASE_URL's database, or the embedded one under .data/ when it is unset. */
const database = await startDatabase();
await database.stop();
log("Database is up to date.");
