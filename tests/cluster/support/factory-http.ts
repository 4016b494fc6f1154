import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Driving a running Factory web process over HTTP the way its own pages do: server actions are
 * POSTs to a page's URL naming the action in the `Next-Action` header, with the arguments encoded
 * as React encodes a server action's reply (for plain JSON values: the argument list as JSON). The
 * action's id is looked up by file and export name in the build's server-reference manifest, so
 * nothing here depends on how Next numbers actions. Every call goes through the app's real path:
 * the request gate, `authedAction` (session and role checked on the server), the zod schema, the
 * domain code and its outbox.
 */

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The id of `exportedName` in `filename` (e.g. "app/(dashboard)/quotes/actions.ts") in the build at `distDir`. */
export function serverActionId(distDir: string, filename: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} of ${filename} in the build at ${distDir}`);
  return found[0];
}

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Calls a server action as the page at `pagePath` would. Returns the action's own result (the RSC
 * answer's row that carries it), the HTTP status and any cookies the answer set.
 */
export async function callServerAction<T>(
  baseUrl: string,
  options: { pagePath: string; actionId: string; args: unknown[]; cookie?: string },
): Promise<{ status: number; result?: ActionResult<T>; setCookies: string[]; redirect?: string }> {
  const response = await fetch(`${baseUrl}${options.pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": options.actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      // Next refuses a server action whose Origin is not the app's own host (CSRF protection).
      origin: baseUrl,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: JSON.stringify(options.args),
  });
  const text = await response.text();
  return {
    status: response.status,
    result: actionResultIn<T>(text),
    setCookies: response.headers.getSetCookie(),
    redirect: response.headers.get("x-action-redirect") ?? undefined,
  };
}

/** The `{ok, …}` value in an RSC answer: one row per line, `<id>:<json>`. */
function actionResultIn<T>(text: string): ActionResult<T> | undefined {
  for (const row of text.split("\n")) {
    const json = row.slice(row.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as unknown;
      if (typeof value === "object" && value !== null && "ok" in value) return value as ActionResult<T>;
    } catch {
      // Not a JSON row (a chunk reference or text).
    }
  }
  return undefined;
}

/** Signs in with the sign-in page's own action; returns the session cookie for the `Cookie` header. */
export async function signIn(
  baseUrl: string,
  actionId: string,
  credentials: { email: string; password: string },
): Promise<string> {
  const answer = await callServerAction(baseUrl, {
    pagePath: "/sign-in",
    actionId,
    args: [{ ...credentials, callbackUrl: "/" }],
  });
  const session = answer.setCookies
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((pair) => /session-token=/.test(pair));
  if (!session) {
    throw new Error(
      `Sign-in at ${baseUrl} set no session cookie (HTTP ${answer.status}, ${JSON.stringify(answer.result)})`,
    );
  }
  return session;
}
