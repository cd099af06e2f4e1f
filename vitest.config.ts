// One test run for every workspace. The global setup starts the MongoDB-wire test server when
// MONGODB_URI is not given, so the MongoDB and GridFS contract suites run on a plain `npm test` too.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{rules,forms,server,renderer}/**/*.test.{ts,tsx}", "e2e/**/*.test.ts"],
    globalSetup: ["./server/test/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
