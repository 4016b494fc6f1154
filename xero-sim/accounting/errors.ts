import { json, type SimResponse } from "../http/types.ts";

/** Xero's 400 body for rejected data (spec `Error`, ErrorNumber 10). */
export function validationException(elements: unknown[]): SimResponse {
  return json(400, {
    ErrorNumber: 10,
    Type: "ValidationException",
    Message: "A validation exception occurred",
    Elements: elements,
  });
}

/** Xero's 400 for a request it cannot read at all (ErrorNumber 14 / 16 in http-response-codes). */
export function postDataInvalid(message: string): SimResponse {
  return json(400, { ErrorNumber: 14, Type: "PostDataInvalidException", Message: message });
}

export function queryParseError(message: string): SimResponse {
  return json(400, { ErrorNumber: 16, Type: "QueryParseException", Message: message });
}

export function notFound(detail: string): SimResponse {
  return json(404, { Title: "Not Found", Status: 404, Detail: detail });
}
