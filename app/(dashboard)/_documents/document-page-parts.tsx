import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { findProductLabels, findUserNames } from "@/lib/db/queries/document-lookups";
import { listTaxRates } from "@/lib/db/queries/products";
import { currencyChoices } from "@/lib/factory/currencies";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";
import { formatDateTime } from "@/lib/ui/dates";
import { isUuid } from "@/lib/ui/list-params";
import { getTimeZone } from "@/lib/ui/time-zone";

/** The document a route's [id] names, or the 404 page. */
export async function loadDocument<T>(id: string, find: (id: string) => Promise<T | undefined>): Promise<T> {
  const document = isUuid(id) ? await find(id) : undefined;
  if (!document) notFound();
  return document;
}

/** "Created" and "Last changed" rows for a document's details: who and when. */
export async function historyItems(document: {
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}) {
  const names = await findUserNames(getDb(), [document.createdBy, document.updatedBy]);
  const timeZone = await getTimeZone();
  const who = (id: string | null) => (id ? (names.get(id) ?? "a former user") : "Factory");
  return [
    {
      label: "Created",
      value: `${formatDateTime(document.createdAt, timeZone)} by ${who(document.createdBy)}`,
    },
    {
      label: "Last changed",
      value: `${formatDateTime(document.updatedAt, timeZone)} by ${who(document.updatedBy)}`,
    },
  ];
}

/**
 * What a document form needs from the database besides the document: tax rates, product labels, and
 * the currencies it may choose (the organisation's, plus the document's own `currency`) with the one
 * a new document starts in.
 */
export async function lineEditorOptions(productIds: (string | null)[] = [], currency?: string) {
  const db = getDb();
  const [rates, productLabels, currencySettings] = await Promise.all([
    listTaxRates(db),
    findProductLabels(db, productIds),
    loadCurrencySettings(db),
  ]);
  return {
    taxRates: rates.map((rate) => ({ id: rate.id, name: rate.name, percent: rate.percent })),
    productLabels,
    currencies: currencyChoices(currencySettings, currency),
    defaultCurrency: currencySettings.defaultCurrency,
  };
}
