import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    setupFiles: ["test/setup.ts"],
    // The tests share no module state (each builds what it needs), so one process runs every file
    // rather than a fresh one per file: measured on 2 cores, 22 s → 8 s for the same 581 tests.
    isolate: false,
  },
});
