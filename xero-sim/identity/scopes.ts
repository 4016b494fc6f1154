/**
 * Scopes the simulator's identity server grants, with the words the consent page shows.
 * Granular accounting scopes are the only ones new Xero apps (created since 2 March 2026) may
 * request; classic `accounting.transactions` is therefore unknown here and refused.
 */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: "Confirm who you are",
  profile: "See your name",
  email: "See your email address",
  offline_access: "Stay connected when you are not using the app",
  "accounting.contacts": "View and manage your contacts",
  "accounting.contacts.read": "View your contacts",
  "accounting.invoices": "View and manage your invoices, quotes, purchase orders and items",
  "accounting.invoices.read": "View your invoices, quotes, purchase orders and items",
  "accounting.payments": "View and manage your payments",
  "accounting.payments.read": "View your payments",
  "accounting.settings": "View and manage your organisation settings, chart of accounts and tax rates",
  "accounting.settings.read": "View your organisation settings, chart of accounts and tax rates",
};

export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((scope) => !(scope in SCOPE_DESCRIPTIONS));
}

export function needsOrganisation(scopes: string[]): boolean {
  return scopes.some((scope) => scope.startsWith("accounting."));
}

/** True when the granted scopes cover `family` (e.g. `accounting.contacts`) for a read or a write. */
export function scopeAllows(granted: string[], family: string, write: boolean): boolean {
  return granted.includes(family) || (!write && granted.includes(`${family}.read`));
}
