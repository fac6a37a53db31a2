// Tandem phones nowhere: Next.js's anonymous telemetry and Prisma's update check are off for every
// process Tandem starts (scripts/start.ts, the benchmarks), as in package.json's scripts, the e2e
// server (e2e/serve.sh) and CI (.ci/run). tests/unit/no-telemetry.test.ts holds all of them to it.
export const NO_TELEMETRY = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } as const;
