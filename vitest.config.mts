import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // `server-only` throws outside React Server Components; tests import data modules directly.
  "server-only": path.join(root, "tests/server-only-stub.ts"),
};
const pgUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**", ".next-*/**", ".tmp/**"],
          globalSetup: ["tests/integration-global-setup.ts"],
          env: { TANDEM_TEST_BACKEND: "embedded" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
        },
      },
      // The same integration suites against a real PostgreSQL server, when one is given.
      ...(pgUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: "integration-postgres",
                include: ["**/*.int.test.ts"],
                exclude: ["node_modules/**", ".next/**", ".next-*/**", ".tmp/**"],
                env: { TANDEM_TEST_BACKEND: "postgres" },
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
