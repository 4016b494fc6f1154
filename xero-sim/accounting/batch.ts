import { json, type SimResponse } from "../http/types.ts";
import { validationException } from "./errors.ts";
import { envelope } from "./wire.ts";

export type ElementOutcome = { ok: true; wire: Record<string, unknown> } | { ok: false; errors: string[] };

/**
 * Turns per-element outcomes into Xero's answer.
 * - `summarizeErrors=false`: HTTP 200, every element in order with `StatusAttributeString`
 *   OK/ERROR, the error flag and `ValidationErrors` (spec `summarizeErrors`, docs/xero/api-behaviour.md#batches-summarizeerrors-and-idempotency).
 * - otherwise any failure gives the 400 ValidationException with the failed elements echoed;
 *   like Xero, the valid elements of that batch are still saved (StackOverflow 52706101).
 */
export function batchResponse(
  key: string,
  inputs: Record<string, unknown>[],
  outcomes: ElementOutcome[],
  summarizeErrors: boolean,
  errorFlag?: "HasErrors" | "HasValidationErrors",
): SimResponse {
  const elements = outcomes.map((outcome, i) =>
    outcome.ok
      ? { ...outcome.wire, StatusAttributeString: "OK", ...(errorFlag ? { [errorFlag]: false } : {}) }
      : {
          ...inputs[i],
          StatusAttributeString: "ERROR",
          ...(errorFlag ? { [errorFlag]: true } : {}),
          ValidationErrors: outcome.errors.map((Message) => ({ Message })),
        },
  );
  if (!summarizeErrors) return json(200, envelope(key, elements));
  const failed = elements.filter((_, i) => !outcomes[i]?.ok);
  if (failed.length > 0) return validationException(failed);
  return json(200, envelope(key, elements));
}
