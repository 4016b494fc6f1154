import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const schemaDir = path.join(import.meta.dirname, "lib/db/schema");
/**
 * The schema's pgEnums (found in lib/db/schema, so a new one needs no edit here). Their values are data
 * (a zod enum, a filter's choices), not a way to query, so code outside lib/db may import them.
 */
const schemaEnums = readdirSync(schemaDir)
  .filter((file) => file.endsWith(".ts"))
  .flatMap((file) =>
    [...readFileSync(path.join(schemaDir, file), "utf8").matchAll(/export const (\w+) = pgEnum\(/g)].map(
      (match) => match[1],
    ),
  );

/**
 * Only lib/db builds queries (docs/architecture.md, the rooms): elsewhere, no drizzle-orm operators (eq,
 * and, sql, count…) and no schema tables, only their types and the enums. The demo seed (lib/db/seed)
 * uses Factory's rules and is used by scripts and tests only, so nothing in lib/, app/ or components/
 * imports it.
 */
const onlyLibDbBuildsQueries = [
  {
    regex: "^drizzle-orm(/.*)?$",
    allowTypeImports: true,
    message: "Build queries in lib/db/queries (executor first) and call them; only drizzle-orm's types here.",
  },
  {
    regex: "^(@/lib/db|(\\.\\./)+(lib/)?db)/schema(/[\\w-]+)?$",
    allowTypeImports: true,
    allowImportNames: schemaEnums,
    message:
      "Tables are for lib/db's queries; import their types (import type) or the enums, and call a query in lib/db/queries.",
  },
  {
    regex: "^(@/lib/db|(\\.\\./)+(lib/)?db)/seed(/.*)?$",
    message: "The demo seed is for scripts and tests only.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-test/**",
      ".data/**",
      ".tools/**",
      ".test-data/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "*.mjs",
    ],
  },
  ...nextVitals,
  ...nextTs,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // One block for this rule: a later block's options would replace these for the same files, so
    // restrictions on other imports (xero-node, say) belong in this list, not in a block of their own.
    files: ["**/*.{ts,tsx}"],
    ignores: [
      "lib/db/**",
      // Exempt where query building belongs: tests set up and check their own rows, scripts run the
      // seed and migrations, and the simulator has its own dependencies.
      "tests/**",
      "scripts/**",
      "xero-sim/**",
      "drizzle.config.ts",
      // Hands drizzle's `sql` tag to pg-boss's own drizzle adapter (fromDrizzle) so a job joins the
      // caller's transaction; it builds no query.
      "lib/sync/boss.ts",
    ],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: onlyLibDbBuildsQueries }] },
  },
  {
    // Only the Xero adapter (lib/xero/api) talks to xero-node: everything else calls its typed
    // functions. ESLint's own rule, so it adds to the query-building restriction above instead of
    // replacing its options. Tests and the simulator use the SDK on purpose.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/xero/api/**", "tests/**", "xero-sim/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^xero-node(/.*)?$",
              message: "Only lib/xero/api imports xero-node: call (or add) a typed function there.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures hand values on with a function called `use`; it is not React's.
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
);
