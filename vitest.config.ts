import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    // The app's process logger says warnings and errors only while tests run (see the file).
    setupFiles: ["tests/support/quiet-logger.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Needs the production build (NEXT_DIST_DIR=.next-test): npm test runs it after the build step.
        extends: true,
        test: { name: "cluster", include: ["tests/cluster/**/*.test.ts"], environment: "node" },
      },
    ],
  },
});
