/**
 * Which currency a new record or document starts in, and which currencies staff may choose. With a
 * Xero organisation, that organisation decides: its base currency is the default and only the
 * currencies it has enabled (GET /Currencies) may be used, since Xero refuses a document in any other
 * ("Organisation is not subscribed to currency …", docs/xero/api-behaviour.md#currencies). Without one, the configured
 * default and any ISO 4217 currency.
 */
export interface CurrencySettings {
  /** The organisation's base currency, else the configured default. */
  defaultCurrency: string;
  /** The organisation's enabled currencies, or null when no organisation says (never connected, or not read yet). */
  enabled: readonly string[] | null;
  /** The organisation's name, for messages; null without one. */
  organisationName: string | null;
}

/** Every ISO 4217 currency the runtime knows, for Factory without an organisation. */
const ALL_CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");

/**
 * What a currency select offers: the default first, then the rest in code order, plus `current` when
 * the record already has a currency no longer offered (so editing it shows the truth).
 */
export function currencyChoices(settings: CurrencySettings, current?: string): string[] {
  const offered = settings.enabled ?? ALL_CURRENCIES;
  const rest = offered.filter((code) => code !== settings.defaultCurrency).sort();
  const choices = [settings.defaultCurrency, ...rest];
  return current && !choices.includes(current) ? [current, ...choices] : choices;
}

/** Why `code` can't be used with the organisation, or undefined when it can. */
export function currencyNotEnabled(
  settings: Pick<CurrencySettings, "enabled" | "organisationName">,
  code: string,
): string | undefined {
  if (settings.enabled === null || settings.enabled.includes(code)) return undefined;
  const where = settings.organisationName ? `${settings.organisationName} in Xero` : "the Xero organisation";
  return `${code} isn't enabled in ${where}. Enable it there (Settings → Currencies), or choose ${settings.enabled.join(", ")}.`;
}
