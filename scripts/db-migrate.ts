import "./lib/local-env";
import { startDatabase } from "./lib/prepare";
import { logger } from "../lib/ops/logger";

/** Migrates DATABASE_URL's database, or the embedded one under .data/ when it is unset. */
const database = await startDatabase();
await database.stop();
logger.info("Database is up to date.");
