import { createDb } from "../lib/db/client";
import { runMigrations } from "../lib/db/migrate";
import { seedDemoData } from "../lib/factory/demo-data";

/** `npm run db:seed`: migrates DATABASE_URL's database and seeds the demo data if it is empty. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to seed (`npm run dev` seeds its own database by itself).");
  process.exit(1);
}
await runMigrations(url);
const { db, close } = createDb(url, { max: 1 });
try {
  const seeded = await seedDemoData(db);
  console.log(
    seeded
      ? "Seeded the demo customers, suppliers, products and documents."
      : "The database already has data; left it alone.",
  );
} finally {
  await close();
}
