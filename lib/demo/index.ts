// The demo data set's public surface: generate (pure), load (I/O), and the CLI helpers.
export { createDemoGenerator, demoWindow, DEFAULT_DEMO_OPTIONS } from "./generate";
export { DatabaseNotEmptyError, isDatabaseEmpty, seedDemo, SEEDED_TABLES, type SeedDemoOptions, type SeedProgress, type SeedSummary } from "./load";
export { DEMO_CREDENTIALS_FILE, readDemoCredentials, writeDemoCredentials, type DemoCredentials } from "./credentials";
export { formatSummary, runDemoSetup } from "./setup";
export { createProgressBar } from "./progress-bar";
export { parseSeedArgs, resolveSeedOptions, todayUtc } from "./cli-options";
export type { DemoOptions } from "./types";
