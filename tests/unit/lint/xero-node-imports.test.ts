import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The lint configuration itself: only lib/xero/api imports xero-node. Linted as if each snippet were
 * the named file, with only the import rule on (the type-aware rules need the whole program).
 */
const RULE = "no-restricted-imports";
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === RULE,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

const sdkCall = `import { XeroClient } from "xero-node";\nexport const client = new XeroClient();\n`;
const sdkType = `import type { Contact } from "xero-node";\nexport const contacts: Contact[] = [];\n`;

describe("only lib/xero/api imports xero-node", () => {
  // Loading the configuration (Next's and typescript-eslint's presets) takes seconds on a busy machine.
  beforeAll(() => eslint.calculateConfigForFile("lib/xero/api/client.ts"), 60_000);

  it("fails xero-node imported anywhere else, types included", async () => {
    for (const file of [
      "lib/xero/example.ts",
      "lib/linking/example.ts",
      "lib/sync/example.ts",
      "lib/db/queries/example.ts",
      "app/(dashboard)/xero/example.ts",
      "components/xero/example.tsx",
      "scripts/example.ts",
    ]) {
      for (const code of [sdkCall, sdkType]) {
        const found = await problems(file, code);
        expect(found, file).toHaveLength(1);
        expect(found[0], file).toMatch(/^no-restricted-imports: .*Only lib\/xero\/api imports xero-node/);
      }
    }
    const subpath = `import { Contact } from "xero-node/dist/gen/model/accounting/contact";\nexport { Contact };\n`;
    expect(await problems("lib/xero/example.ts", subpath)).toHaveLength(1);
  });

  it("allows it inside lib/xero/api, in tests and in the simulator", async () => {
    expect(await problems("lib/xero/api/example.ts", sdkCall + sdkType)).toEqual([]);
    expect(await problems("tests/integration/xero-sim/example.test.ts", sdkCall)).toEqual([]);
    expect(await problems("xero-sim/example.ts", sdkCall)).toEqual([]);
  });
});
