import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Test files share the machine's one Nix store, and store diffs must only see their own builds.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    restoreMocks: true,
    // Which Nix every test file runs against (NBCA_NIX_WORLD), chosen before any of its steps starts.
    setupFiles: ["__tests__/helpers/nix/world.ts"],
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
