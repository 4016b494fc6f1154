import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The lint configuration itself: only lib/db builds queries. Linted as if each snippet were the named
 * file, with only the import rule on (the type-aware rules need the whole program and prove nothing here).
 */
const RULE = "@typescript-eslint/no-restricted-imports";
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === RULE,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

const operatorQuery = `import { eq } from "drizzle-orm";\nexport const byId = (id: string) => eq;\n`;
const tableQuery = `import { customers } from "@/lib/db/schema";\nexport const table = customers;\n`;

describe("only lib/db builds queries", () => {
  // Loading the configuration (Next's and typescript-eslint's presets) takes seconds on a busy machine.
  beforeAll(() => eslint.calculateConfigForFile("lib/factory/money.ts"), 60_000);

  it("fails a drizzle operator imported outside lib/db", async () => {
    for (const file of [
      "lib/factory/example.ts",
      "app/(dashboard)/customers/example.ts",
      "components/example.tsx",
    ]) {
      const found = await problems(file, operatorQuery);
      expect(found, file).toHaveLength(1);
      expect(found[0], file).toMatch(new RegExp(`^${RULE}: .*drizzle-orm.*lib/db/queries`));
    }
  });

  it("fails a schema table imported outside lib/db, by alias or relative path", async () => {
    expect(await problems("lib/sync/example.ts", tableQuery)).toEqual([expect.stringContaining("customers")]);
    const relative = `import { customers } from "../db/schema/parties";\nexport const table = customers;\n`;
    expect(await problems("lib/xero/example.ts", relative)).toEqual([expect.stringContaining("customers")]);
    const everything = `import * as schema from "@/lib/db/schema";\nexport const all = schema;\n`;
    expect(await problems("app/example.ts", everything)).toHaveLength(1);
  });

  it("allows the same imports inside lib/db, and in tests", async () => {
    expect(await problems("lib/db/queries/example.ts", operatorQuery + tableQuery)).toEqual([]);
    expect(await problems("tests/integration/example.test.ts", operatorQuery + tableQuery)).toEqual([]);
  });

  it("allows types and the schema's enums anywhere", async () => {
    const code = [
      `import type { SQL } from "drizzle-orm";`,
      `import type { Customer } from "@/lib/db/schema";`,
      `import { syncDocumentType, type SyncDocumentType } from "@/lib/db/schema";`,
      `export const x: [SQL?, Customer?, SyncDocumentType?] = [];`,
      `export const types = syncDocumentType.enumValues;`,
    ].join("\n");
    expect(await problems("app/(dashboard)/example.tsx", code + "\n")).toEqual([]);
  });

  it("keeps the demo seed out of lib/, app/ and components/", async () => {
    const seed = `import { seedDemoData } from "@/lib/db/seed/demo-data";\nexport const seed = seedDemoData;\n`;
    expect(await problems("lib/factory/example.ts", seed)).toEqual([
      expect.stringContaining("The demo seed is for scripts and tests only"),
    ]);
    expect(await problems("scripts/example.ts", seed)).toEqual([]);
  });
});
