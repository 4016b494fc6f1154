import type { LimitOptions } from "./config.ts";
import type { XeroUser } from "./identity/demo-user.ts";
import type { IdTokenFault } from "./identity/id-token-faults.ts";
import type { ChangeFeed } from "./ops/changes.ts";
import type { WebhookSender } from "./ops/webhooks.ts";
import type { SigningKeys } from "./identity/keys.ts";
import type { FaultBoard } from "./ops/faults.ts";
import type { RateLimiter } from "./ops/limits.ts";
import type { RequestLog } from "./ops/request-log.ts";
import type { TrafficStats } from "./ops/traffic.ts";
import type { SimState } from "./state/store.ts";

/** An authorize request waiting for the user's decision on the consent page. */
export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  /** OIDC Core §3.1.2.1: echoed in the id_token of this consent's code exchange. */
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  createdAt: number;
}

export interface AuthorizationCode {
  grantId: string;
  clientId: string;
  redirectUri: string;
  expiresAt: number;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** Everything a handler may touch; one per running simulator, so tests can run several at once. */
export interface SimContext {
  state: SimState;
  issuer: string;
  redirectUris: Set<string>;
  keys: SigningKeys;
  refreshGraceMs: number;
  limitOptions: LimitOptions;
  pending: Map<string, PendingAuthorization>;
  codes: Map<string, AuthorizationCode>;
  log: RequestLog;
  limits: RateLimiter;
  faults: FaultBoard;
  traffic: TrafficStats;
  /** Record changes Xero would announce by webhook (ops/changes.ts). */
  changes: ChangeFeed;
  /** Xero's webhooks to the app's delivery URL (ops/webhooks.ts). */
  webhooks: WebhookSender;
  /** Who is signed in to the simulated Xero in "the browser": the person a consent is given as. */
  xeroUser: XeroUser;
  /** Spoilt id_tokens still to issue, first first (tests only; see identity/id-token-faults.ts). */
  idTokenFaults: IdTokenFault[];
}
