import type { AccountingApi } from "xero-node";
import type { Db } from "@/lib/db/client";
import { updateXeroConnection } from "@/lib/db/queries/xero-connection";
import { createXeroClient, whenAnswered } from "./client";
import { xeroClientSettings } from "./config";
import { headerValue, toXeroError, XeroError } from "./errors";
import { countXeroCall } from "@/lib/ops/metrics";
import { limitXeroCall, type XeroCallSlot } from "@/lib/xero/rate-limit";
import { getUsableConnection, markNeedsReconnect, toTokenSetParameters } from "./token-store";

/** What a {@link withXero} callback gets: the accounting API, already authorised, and the tenant to pass. */
export interface XeroApi {
  accounting: AccountingApi;
  /** The connected organisation; the first argument of every accounting call. */
  tenantId: string;
}

/**
 * Default time limit of one accounting call. xero-node sets none on axios (docs/xero/api-behaviour.md#xero-node-quirks), and a
 * hung request would otherwise hold a worker (and one of Xero's 5 concurrent slots) forever.
 */
export const ACCOUNTING_TIMEOUT_MS = 30_000;

type Headers = Record<string, string | string[] | undefined>;

/** The latest budget Xero reported (X-DayLimit-Remaining / X-MinLimit-Remaining, docs/xero/api-behaviour.md#rate-limits). */
interface CallRecord {
  succeededAt?: Date;
  callsLeftToday?: number;
  callsLeftThisMinute?: number;
}

function noteHeaders(record: CallRecord, slot: XeroCallSlot, headers: Headers | undefined) {
  if (!headers) return;
  const day = Number(headerValue(headers, "x-daylimit-remaining"));
  const minute = Number(headerValue(headers, "x-minlimit-remaining"));
  if (headerValue(headers, "x-daylimit-remaining") !== undefined && Number.isFinite(day)) {
    record.callsLeftToday = day;
    slot.noteDayRemaining(day);
  }
  if (headerValue(headers, "x-minlimit-remaining") !== undefined && Number.isFinite(minute)) {
    record.callsLeftThisMinute = minute;
  }
}

function headersOfRejection(reason: unknown): Headers | undefined {
  try {
    const parsed: unknown = typeof reason === "string" ? JSON.parse(reason) : reason;
    const headers = (parsed as { response?: { headers?: unknown } } | null)?.response?.headers;
    return typeof headers === "object" && headers !== null ? (headers as Headers) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one way Factory calls Xero's Accounting API. It
 * 1. loads the connection and a valid access token (refreshing it single-flight across processes);
 * 2. builds a fresh xero-node client for this call (one per unit of work: xero-node #472);
 * 3. gives every accounting call a time limit (`timeoutMs`, default {@link ACCOUNTING_TIMEOUT_MS});
 * 4. on a 401 refreshes the token once and repeats that call (an access token can die early);
 * 5. maps every failure to a {@link XeroError} with Xero's own message;
 * 6. flips the connection to "needs reconnect" when Xero refuses the grant (401 after a refresh, 403
 *    for a revoked grant or an organisation disconnected in Xero) — callers then hold their work;
 * 7. records the last successful call and the calls left today / this minute on the connection row.
 *
 * Every Xero call of the app and the workers must go through here: it is the choke point where a
 * per-organisation rate limiter (5 in flight, 60 a minute, 5,000 a day: docs/xero/api-behaviour.md#rate-limits) wraps each
 * call (`guarded` below).
 *
 * @example
 * const accounts = await withXero(db, ({ accounting, tenantId }) => accounting.getAccounts(tenantId));
 * @throws {XeroError} always this type; `kind: "auth"` when not connected or reconnect is needed.
 */
export async function withXero<T>(
  db: Db,
  work: (api: XeroApi) => Promise<T>,
  options: {
    timeoutMs?: number;
    /** How long each call may wait for a rate-limit slot before giving up (lib/xero/rate-limit.ts). */
    maxWaitMs?: number;
  } = {},
): Promise<T> {
  let connection = await getUsableConnection(db);
  const client = await createXeroClient({
    ...xeroClientSettings(),
    timeoutMs: options.timeoutMs ?? ACCOUNTING_TIMEOUT_MS,
  });
  client.setTokenSet(toTokenSetParameters(connection.tokens));
  const record: CallRecord = {};

  // Each call waits for a slot in the organisation's shared budget (lib/xero/rate-limit.ts).
  const callOnce = (call: () => Promise<unknown>) =>
    limitXeroCall(
      db,
      connection.tenantId,
      async (slot) => {
        try {
          const result = await whenAnswered(() => slot.noteAnswered(), call);
          const response = (result as { response?: { headers?: Headers; statusCode?: number } } | undefined)
            ?.response;
          noteHeaders(record, slot, response?.headers);
          record.succeededAt = new Date();
          countXeroCall(response?.statusCode ?? 200);
          return result;
        } catch (reason) {
          noteHeaders(record, slot, headersOfRejection(reason));
          const error = toXeroError(reason);
          countXeroCall(error.status || undefined);
          throw error;
        }
      },
      { maxWaitMs: options.maxWaitMs },
    );

  const guarded = async (call: () => Promise<unknown>) => {
    try {
      return await callOnce(call);
    } catch (error) {
      if (!(error instanceof XeroError) || error.kind !== "auth") throw error;
      if (error.status === 401) {
        // The token may have been expired or revoked early: refresh (single-flight) and try again.
        // A first round may only pick up the token another process refreshed meanwhile, which Xero
        // may have expired early too; the second round then refreshes that one. Only a token this
        // process saw refreshed and still refused means Xero no longer grants access.
        let refused: XeroError = error;
        for (let round = 0; round < 2; round++) {
          connection = await getUsableConnection(db, { staleAccessToken: connection.tokens.accessToken });
          client.setTokenSet(toTokenSetParameters(connection.tokens));
          try {
            return await callOnce(call);
          } catch (retryError) {
            if (!(retryError instanceof XeroError) || retryError.kind !== "auth") throw retryError;
            refused = retryError;
          }
        }
        await markNeedsReconnect(db, `Xero refused access: ${refused.message}`);
        throw refused;
      }
      await markNeedsReconnect(db, `Xero refused access: ${error.message}`);
      throw error;
    }
  };

  const accounting = new Proxy(client.accountingApi, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        guarded(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });

  try {
    return await work({ accounting, tenantId: connection.tenantId });
  } finally {
    await recordCalls(db, record);
  }
}

async function recordCalls(db: Db, record: CallRecord): Promise<void> {
  if (!record.succeededAt && record.callsLeftToday === undefined) return;
  await updateXeroConnection(db, {
    ...(record.succeededAt ? { lastSuccessfulCallAt: record.succeededAt } : {}),
    ...(record.callsLeftToday !== undefined ? { callsLeftToday: record.callsLeftToday } : {}),
    ...(record.callsLeftThisMinute !== undefined ? { callsLeftThisMinute: record.callsLeftThisMinute } : {}),
  });
}
