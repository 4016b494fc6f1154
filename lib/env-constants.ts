/** Granular scopes: required for Xero apps created since March 2026 (shared/reference/docs/xero/api-behaviour.md#scopes). */
export const DEFAULT_XERO_SCOPES =
  "openid profile email offline_access accounting.contacts accounting.invoices accounting.settings";

/** The built-in simulator's demo app (docs/architecture.md#the-simulators-demo-app). */
export const SIMULATOR_CLIENT_ID = "demo-client";
export const SIMULATOR_CLIENT_SECRET = "demo-secret";

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const DEFAULT_XERO_SIM_PORT = 4010;
