import "./lib/local-env";
import { createDb } from "../lib/db/client";
import { seedDemoData } from "../lib/db/seed/demo-data";
import { startDatabase } from "./lib/prepare";
import { logger } from "../lib/ops/logger";

/** `npm run db:seed`: migrates the database (DATABASE_URL's, or the embedded one) and seeds an empty one. */
const database = await startDatabase();
const { db, close } = createDb(database.url, { max: 1 });
try {
  const seeded = await seedDemoData(db);
  logger.info(
    seeded
      ? "Seeded the demo customers, suppliers, products and documents."
      : "The database already has data; left it alone.",
  );
} finally {
  await close();
  await database.stop();
}
