import "./lib/local-env";
import { createDb } from "../lib/db/client";
import { logger } from "../lib/ops/logger";
import { configuredTokenKeys } from "../lib/xero/api/token-crypto";
import { reencryptTokenSets } from "../lib/xero/api/token-store";
import { startDatabase } from "./lib/prepare";

/**
 * `npm run tokens:reencrypt`: key rotation's second step. With the new key first in
 * TOKEN_ENCRYPTION_KEYS (and the old ones after it), re-encrypts every stored Xero token set under
 * the new key; then the old keys can go. Safe to run while the app runs, and to run again.
 */
const database = await startDatabase();
const { db, close } = createDb(database.url, { max: 1 });
try {
  const [newest] = configuredTokenKeys();
  const report = await reencryptTokenSets(db);
  logger.info(
    report,
    `Token sets under key "${newest?.id}": ${report.reencrypted} re-encrypted, ${report.current} already were, ${report.changedMeanwhile} rewritten meanwhile by the app.`,
  );
} finally {
  await close();
  await database.stop();
}
