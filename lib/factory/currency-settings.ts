import type { Executor } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { env } from "@/lib/env";
import { RecordError } from "@/lib/errors";
import { currencyNotEnabled, type CurrencySettings } from "./currencies";

/**
 * The currency settings in force: the Factory organisation's base and enabled currencies while it is
 * connected (or waiting for a reconnect: still the same books), else the configured default.
 */
export async function loadCurrencySettings(db: Executor): Promise<CurrencySettings> {
  const connection = await getXeroConnection(db);
  if (!connection || connection.status === "disconnected" || !connection.baseCurrency) {
    return { defaultCurrency: env.DEFAULT_CURRENCY, enabled: null, organisationName: null };
  }
  return {
    defaultCurrency: connection.baseCurrency,
    enabled: connection.enabledCurrencies,
    organisationName: connection.organisationName,
  };
}

/** Refuses, next to the form's currency field, a currency the organisation has not enabled. */
export async function requireEnabledCurrency(db: Executor, code: string): Promise<void> {
  const problem = currencyNotEnabled(await loadCurrencySettings(db), code);
  if (problem) throw new RecordError("Check the highlighted fields.", { currency: [problem] });
}
