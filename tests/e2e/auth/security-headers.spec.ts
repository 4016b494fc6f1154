import type { Page } from "@playwright/test";
import { seedParties } from "../documents/seed";
import { E2E_USERS, expect, test } from "../support/fixtures";

const LIST_PAGES = [
  "/",
  "/customers",
  "/customers/new",
  "/suppliers",
  "/suppliers/new",
  "/products",
  "/products/new",
  "/quotes",
  "/quotes/new",
  "/sales-orders",
  "/sales-orders/new",
  "/purchase-orders",
  "/purchase-orders/new",
  "/xero",
  "/xero/import",
  "/xero/sync-log",
  "/settings/users",
  "/no-such-page",
];

/** Collects every Content-Security-Policy violation and script error a page reports. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile ?? ""})`,
      ),
    );
  });
  return async () => [
    ...problems,
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    )),
  ];
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState("networkidle");
  return response!;
}

function expectSecurityHeaders(headers: Record<string, string>, path: string) {
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).toContain("object-src 'none'");
  expect(policy, path).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["referrer-policy"], path).toBe("same-origin");
  expect(headers["permissions-policy"], path).toContain("camera=()");
  // The e2e app is served over plain http, where HSTS would be meaningless.
  expect(headers["strict-transport-security"], path).toBeUndefined();
}

test.describe("security headers", () => {
  test("every page an admin can open runs under a nonce CSP without a single violation", async ({
    adminPage,
    sql,
  }) => {
    test.setTimeout(240_000); // some twenty full page loads, each waiting for its network to settle
    const { customer, supplier, product } = await seedParties(sql);
    const [admin] = await sql<{ id: string }[]>`select id from users where email = ${E2E_USERS.admin.email}`;
    const documents = await sql<{ path: string }[]>`
      (select '/quotes/' || id as path from quotes limit 1)
      union all (select '/sales-orders/' || id from sales_orders limit 1)
      union all (select '/purchase-orders/' || id from purchase_orders limit 1)`;
    const pages = [
      ...LIST_PAGES,
      `/customers/${customer.id}`,
      `/suppliers/${supplier.id}`,
      `/products/${product.id}`,
      `/settings/users/${admin!.id}`,
      ...documents.map((row) => row.path),
    ];

    const violations = await watchForViolations(adminPage);
    const nonces = new Set<string>();
    for (const path of pages) {
      const response = await visit(adminPage, path);
      const headers = response.headers();
      expectSecurityHeaders(headers, path);
      nonces.add(/'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!);
      expect(await violations(), path).toEqual([]);
    }
    expect(nonces.size, "a fresh nonce per response").toBe(pages.length);
  });

  test("the sign-in page runs its scripts under the policy, and route handlers carry the headers", async ({
    page,
    request,
  }) => {
    const violations = await watchForViolations(page);
    const response = await visit(page, "/sign-in");
    expectSecurityHeaders(response.headers(), "/sign-in");
    // Client-side validation proves the page's scripts ran under the policy.
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    expect(await violations()).toEqual([]);

    const health = await request.get("/api/health");
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");
    expect(health.headers()["x-frame-options"]).toBe("DENY");
  });
});
