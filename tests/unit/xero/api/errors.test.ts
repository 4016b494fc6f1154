import { describe, expect, it } from "vitest";
import { toXeroError, XeroError } from "@/lib/xero/api/errors";

/** xero-node's rejection: a JSON string of {response:{statusCode, body, headers}, body} (docs/xero/api-behaviour.md#xero-node-quirks). */
const rejection = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  JSON.stringify({ response: { statusCode, body, headers, request: {} }, body });

describe("toXeroError", () => {
  it("keeps Xero's validation messages", () => {
    const error = toXeroError(
      rejection(400, {
        ErrorNumber: 10,
        Type: "ValidationException",
        Message: "A validation exception occurred",
        Elements: [
          { ValidationErrors: [{ Message: "Account code '999' is not a valid code for this document." }] },
          { ValidationErrors: [{ Message: "Email address must be valid." }] },
        ],
      }),
    );
    expect(error).toBeInstanceOf(XeroError);
    expect(error).toMatchObject({ kind: "validation", status: 400, retryable: false });
    expect(error.validationErrors).toEqual([
      "Account code '999' is not a valid code for this document.",
      "Email address must be valid.",
    ]);
    expect(error.message).toContain("Account code '999'");
  });

  it("reads the refusal of a PDF request, whose body came back as bytes", () => {
    const bytes = Buffer.from(
      JSON.stringify({ Title: "Not Found", Status: 404, Detail: "Invoice x was not found" }),
    );
    const error = toXeroError(rejection(404, bytes));
    expect(error).toMatchObject({ kind: "not_found", status: 404, message: "Invoice x was not found" });
  });

  it("recognises a document Xero no longer lets anyone edit", () => {
    const error = toXeroError(
      rejection(400, {
        Message: "A validation exception occurred",
        Elements: [{ ValidationErrors: [{ Message: "Invoice not of valid status for modification" }] }],
      }),
    );
    expect(error).toMatchObject({ kind: "locked", retryable: false });
  });

  it.each([
    [
      401,
      { Title: "Unauthorized", Status: 401, Detail: "TokenExpired: token expired at 11/25/2026 09:30:00" },
      "auth",
    ],
    [403, { Title: "Forbidden", Status: 403, Detail: "AuthenticationUnsuccessful" }, "auth"],
    [404, "Resource not found", "not_found"],
    [500, { Message: "An error occurred" }, "transient"],
    [503, "Organisation offline", "transient"],
  ] as const)("maps %i to %s", (status, body, kind) => {
    const error = toXeroError(rejection(status, body));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(kind === "transient");
  });

  it("keeps Xero's own words for 401/403", () => {
    expect(toXeroError(rejection(403, { Detail: "AuthenticationUnsuccessful" })).message).toBe(
      "AuthenticationUnsuccessful",
    );
  });

  it("reads Retry-After and the limit hit from a 429", () => {
    const error = toXeroError(
      rejection(429, "Rate limit exceeded", { "retry-after": "42", "x-rate-limit-problem": "minute" }),
    );
    expect(error).toMatchObject({
      kind: "rate_limit",
      retryable: true,
      retryAfterSeconds: 42,
      rateLimitProblem: "minute",
    });
  });

  it("treats a 503 with Retry-After as a rate limit", () => {
    expect(toXeroError(rejection(503, "", { "Retry-After": "5" }))).toMatchObject({
      kind: "rate_limit",
      retryAfterSeconds: 5,
    });
  });

  it("treats no response (status 0) and plain errors as transient", () => {
    expect(toXeroError(rejection(0, "timeout of 30000ms exceeded"))).toMatchObject({
      kind: "transient",
      retryable: true,
      message: "timeout of 30000ms exceeded",
    });
    expect(toXeroError(new Error("socket hang up"))).toMatchObject({
      kind: "transient",
      message: "socket hang up",
    });
    expect(toXeroError("not json")).toMatchObject({ kind: "transient" });
  });

  it("tells a call that never reached Xero from one whose answer was lost", () => {
    expect(toXeroError(rejection(0, "connect ECONNREFUSED 127.0.0.1:4010"))).toMatchObject({
      kind: "transient",
      unreachable: true,
      message: "Xero unreachable (connect ECONNREFUSED 127.0.0.1:4010)",
    });
    expect(toXeroError(new Error("getaddrinfo ENOTFOUND api.xero.com"))).toMatchObject({
      unreachable: true,
    });
    // Xero may have received these before the connection broke or the clock ran out.
    expect(toXeroError(rejection(0, "timeout of 30000ms exceeded")).unreachable).toBe(false);
    expect(toXeroError(new Error("read ECONNRESET")).unreachable).toBe(false);
    expect(toXeroError(rejection(500, "boom")).unreachable).toBe(false);
  });

  it("accepts the unserialised {response, body} form too", () => {
    expect(toXeroError({ response: { status: 404, headers: {} }, body: undefined }).kind).toBe("not_found");
  });

  it("returns an XeroError unchanged", () => {
    const original = new XeroError({ kind: "auth", message: "x" });
    expect(toXeroError(original)).toBe(original);
  });
});

describe("toXeroError on /connections failures", () => {
  it("reads the status the client reports", () => {
    const error = toXeroError(
      new Error('Xero DELETE /connections/abc answered 404: {"Detail":"Connection abc was not found"}'),
    );
    expect(error).toMatchObject({ kind: "not_found", status: 404, message: "Connection abc was not found" });
    expect(toXeroError(new Error("Xero GET /connections answered 401: ")).kind).toBe("auth");
  });
});
