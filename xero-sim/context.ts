import type { LimitOptions } from "./config.ts";
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
  codeChallenge?: string;
  codeChallengeMethod?: string;
  createdAt: number;
}

export interface AuthorizationCode {
  grantId: string;
  clientId: string;
  redirectUri: string;
  expiresAt: number;
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
}
