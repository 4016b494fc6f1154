import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import type { JWK } from "jose";
import type { XeroUser } from "../identity/demo-user.ts";
import { seedOrganisations } from "./seed.ts";
import type { OrgRecord } from "./types.ts";

/** One user's consent for one app: the unit that refresh tokens and revocation act on. */
export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  /** The Xero user who consented; grants saved before users could change lack it (the demo user). */
  user?: XeroUser;
  scopes: string[];
  authEventId: string;
  createdAt: number;
  revokedAt?: number;
}

/** Xero's connection object (xero-identity.yaml `Connection`) plus who it belongs to. */
export interface Connection {
  id: string;
  authEventId: string;
  tenantId: string;
  tenantType: "ORGANISATION";
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
  grantId: string;
  userId: string;
  clientId: string;
}

export interface AccessTokenRecord {
  grantId: string;
  scopes: string[];
  expiresAt: number;
}

/** The token endpoint's JSON answer, kept so a grace-window replay can return it unchanged. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: "Bearer";
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

export interface RefreshTokenRecord {
  grantId: string;
  issuedAt: number;
  /** Set when the token was exchanged; the successor and its response are kept for the grace window. */
  usedAt?: number;
  successor?: string;
  successorResponse?: TokenResponse;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  storedAt: number;
}

export interface SimState {
  orgs: Map<string, OrgRecord>;
  grants: Map<string, Grant>;
  connections: Map<string, Connection>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  /** Keyed by `tenantId:Idempotency-Key`. */
  idempotency: Map<string, StoredResponse>;
  signingKey?: JWK;
}

export function freshState(): SimState {
  return {
    orgs: new Map(seedOrganisations().map((org) => [org.tenantId, org])),
    grants: new Map(),
    connections: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    idempotency: new Map(),
  };
}

/** Replaces the data (not the signing key) with a fresh seed, in place, so holders of `state` see it. */
export function resetState(state: SimState): void {
  const fresh = freshState();
  state.orgs = fresh.orgs;
  state.grants.clear();
  state.connections.clear();
  state.accessTokens.clear();
  state.refreshTokens.clear();
  state.idempotency.clear();
}

const ORG_MAPS = ["contacts", "items", "invoices", "quotes", "purchaseOrders", "creditNotes"] as const;

/** JSON with Maps written as entry arrays; the file is replaced atomically. */
export function saveState(state: SimState, file: string): void {
  const orgs = [...state.orgs.values()].map((org) => {
    const plain: Record<string, unknown> = { ...org };
    for (const key of ORG_MAPS) plain[key] = [...org[key].values()];
    return plain;
  });
  const doc = {
    version: 1,
    orgs,
    grants: [...state.grants.entries()],
    connections: [...state.connections.entries()],
    accessTokens: [...state.accessTokens.entries()],
    refreshTokens: [...state.refreshTokens.entries()],
    idempotency: [...state.idempotency.entries()],
    signingKey: state.signingKey,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(doc));
  renameSync(`${file}.tmp`, file);
}

interface SavedState {
  version: number;
  orgs: (Omit<OrgRecord, (typeof ORG_MAPS)[number]> &
    Record<(typeof ORG_MAPS)[number], { [k: string]: unknown }[]>)[];
  grants: [string, Grant][];
  connections: [string, Connection][];
  accessTokens: [string, AccessTokenRecord][];
  refreshTokens: [string, RefreshTokenRecord][];
  idempotency: [string, StoredResponse][];
  signingKey?: JWK;
}

const ID_FIELD = {
  contacts: "ContactID",
  items: "ItemID",
  invoices: "InvoiceID",
  quotes: "QuoteID",
  purchaseOrders: "PurchaseOrderID",
  creditNotes: "CreditNoteID",
} as const;

export function loadState(file: string): SimState | undefined {
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, "utf8")) as SavedState;
  if (doc.version !== 1) return undefined;
  const orgs = new Map<string, OrgRecord>();
  for (const saved of doc.orgs) {
    const org = { ...saved } as unknown as OrgRecord;
    for (const key of ORG_MAPS) {
      const map = new Map<string, never>();
      for (const record of saved[key] ?? []) map.set(String(record[ID_FIELD[key]]), record as never);
      (org as unknown as Record<string, unknown>)[key] = map;
    }
    orgs.set(org.tenantId, org);
  }
  return {
    orgs,
    grants: new Map(doc.grants),
    connections: new Map(doc.connections),
    accessTokens: new Map(doc.accessTokens),
    refreshTokens: new Map(doc.refreshTokens),
    idempotency: new Map(doc.idempotency),
    signingKey: doc.signingKey,
  };
}
