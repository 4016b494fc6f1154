import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, withLogContext } from "@/lib/ops/logger";

/** A logger writing into memory; returns it and the parsed lines so far. */
function memoryLogger() {
  const lines: string[] = [];
  const logger = createLogger(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    }),
  );
  return {
    logger,
    raw: () => lines.join("\n"),
    lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const SECRETS = {
  bearer: "bearer-value-0f3c9a7d",
  cookie: "session-cookie-7a1b2c3d",
  access: "access-token-5e6f7a8b",
  refresh: "refresh-token-9c0d1e2f",
  idToken: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
  clientSecret: "client-secret-3a4b5c6d",
  password: "correct horse battery",
  deep: "deep-secret-1a2b3c4d",
  code: "oauth-code-8d7c6b5a",
};

describe("the logger", () => {
  it("writes JSON lines with an ISO time, the level's name and the message", () => {
    const { logger, lines } = memoryLogger();
    logger.info({ documentId: "d1" }, "Sent to Xero.");
    expect(lines()[0]).toMatchObject({ level: "info", msg: "Sent to Xero.", documentId: "d1" });
    expect(String(lines()[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never writes a token, cookie, password, client secret or authorization header, however it is logged", () => {
    const { logger, raw } = memoryLogger();
    logger.info(
      {
        req: {
          headers: {
            authorization: `Bearer ${SECRETS.bearer}`,
            cookie: `authjs.session-token=${SECRETS.cookie}`,
          },
        },
        res: { headers: { "set-cookie": [`authjs.session-token=${SECRETS.cookie}`] } },
      },
      "request",
    );
    logger.info({
      tokenSet: { access_token: SECRETS.access, refresh_token: SECRETS.refresh, id_token: SECRETS.idToken },
    });
    logger.info({ access_token: SECRETS.access, refreshToken: SECRETS.refresh, idToken: SECRETS.idToken });
    logger.info({
      client_secret: SECRETS.clientSecret,
      clientSecret: SECRETS.clientSecret,
      password: SECRETS.password,
    });
    logger.info({
      a: { b: { c: { d: { e: { password: SECRETS.password, Authorization: SECRETS.deep } } } } },
    });
    logger.info({ list: [{ headers: { Cookie: SECRETS.cookie } }] });
    // An HTTP client's error (as xero-node's) carries the request it made, header and all.
    const failure = Object.assign(new Error(`Request failed: Bearer ${SECRETS.bearer}`), {
      status: 401,
      config: {
        headers: { Authorization: `Bearer ${SECRETS.bearer}` },
        data: `client_secret=${SECRETS.clientSecret}`,
      },
      response: { data: { access_token: SECRETS.access }, request: { _header: `Cookie: ${SECRETS.cookie}` } },
    });
    logger.error({ err: failure }, "Xero call failed");
    logger.error({ detail: { cause: failure } }, "nested");
    logger.warn(`Callback /api/xero/callback?code=${SECRETS.code}&state=abc with ${SECRETS.idToken}`);

    const text = raw();
    for (const [name, secret] of Object.entries(SECRETS)) expect(text, name).not.toContain(secret);
    expect(text).toContain("[redacted]");
    // What is useful stays: the error's name, message and status.
    const logged = raw()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg?: string; err?: Record<string, unknown> })
      .find((line) => line.msg === "Xero call failed");
    expect(logged?.err).toMatchObject({ type: "Error", message: "Request failed: [redacted]", status: 401 });
    expect(Object.keys(logged?.err ?? {}).sort()).toEqual(["message", "stack", "status", "type"]);
  });

  it("puts the request's or job's fields on every line logged inside it, and keeps them apart", async () => {
    const { logger, lines } = memoryLogger();
    await Promise.all([
      withLogContext({ requestId: "req-1", userId: "user-1" }, async () => {
        await Promise.resolve();
        logger.info("first");
      }),
      withLogContext(
        { queue: "xero-send-document", documentType: "quote", documentId: "doc-2" },
        async () => {
          await Promise.resolve();
          logger.info("second");
        },
      ),
    ]);
    logger.info("outside");
    const byMessage: Record<string, Record<string, unknown>> = Object.fromEntries(
      lines().map((line) => [String(line.msg), line]),
    );
    expect(byMessage.first).toMatchObject({ requestId: "req-1", userId: "user-1" });
    expect(byMessage.first).not.toHaveProperty("documentId");
    expect(byMessage.second).toMatchObject({ documentType: "quote", documentId: "doc-2" });
    expect(byMessage.second).not.toHaveProperty("requestId");
    expect(byMessage.outside).not.toHaveProperty("requestId");
  });
});
