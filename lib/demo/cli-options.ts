// The seed options as typed on a command line (`npm run seed -- --profiles N …`) or passed by the
// start script, validated once with zod so both report bad input the same way.
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_DEMO_OPTIONS } from "./generate";
import type { DemoOptions } from "./types";

export const MAX_PROFILES = 1_000_000;

// Command-line values arrive as strings, the start script passes numbers (or NaN): accept both, and
// reject anything that is not a whole number with a message naming the option.
const intOption = (label: string, min: number, max: number, fallback: number) =>
  z
    .preprocess(
      (v) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
      z
        .number({ error: `${label} must be a whole number` })
        .int(`${label} must be a whole number`)
        .min(min, `${label} must be at least ${min}`)
        .max(max, `${label} must be at most ${max.toLocaleString("en-US")}`)
        .optional(),
    )
    .transform((v) => v ?? fallback);

export const seedOptionsSchema = z.object({
  profiles: intOption("--profiles", 1, MAX_PROFILES, DEFAULT_DEMO_OPTIONS.profiles),
  days: intOption("--days", 1, 3650, DEFAULT_DEMO_OPTIONS.days),
  seed: intOption("--seed", 0, 0xffffffff, DEFAULT_DEMO_OPTIONS.seed),
  anchor: z
    .string()
    .refine(
      (s) => {
        const ms = Date.parse(`${s}T00:00:00Z`);
        return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
      },
      "--anchor must be a real calendar date like 2025-06-30",
    )
    .optional(),
});

export type SeedOptionsInput = z.input<typeof seedOptionsSchema>;

/** Today's date in UTC, "YYYY-MM-DD": the default anchor, so demo data always ends at today. */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export type ParsedSeedArgs = { ok: true; options: DemoOptions; help: boolean } | { ok: false; error: string };

/** Validates seed options; `today` is the anchor when none is given. */
export function resolveSeedOptions(input: SeedOptionsInput, today: string): ParsedSeedArgs {
  const parsed = seedOptionsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join("\n") };
  const { anchor, ...rest } = parsed.data;
  return { ok: true, help: false, options: { ...rest, anchor: anchor ?? today } };
}

export function parseSeedArgs(argv: string[], today: string): ParsedSeedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        profiles: { type: "string", short: "p" },
        days: { type: "string", short: "d" },
        seed: { type: "string", short: "s" },
        anchor: { type: "string", short: "a" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  if (values.help) return { ok: true, help: true, options: { ...DEFAULT_DEMO_OPTIONS, anchor: today } };
  return resolveSeedOptions(
    { profiles: values.profiles as string | undefined, days: values.days as string | undefined, seed: values.seed as string | undefined, anchor: values.anchor as string | undefined },
    today,
  );
}

export const SEED_USAGE = `Usage: npm run seed -- [--profiles N] [--days D] [--seed S] [--anchor YYYY-MM-DD]

Fills an empty Tandem database with a deterministic demo data set.
  --profiles N   people to generate (default ${DEFAULT_DEMO_OPTIONS.profiles}, at most ${MAX_PROFILES.toLocaleString("en-US")})
  --days D       length of the window ending at the anchor (default ${DEFAULT_DEMO_OPTIONS.days})
  --seed S       random seed, 0–4294967295 (default ${DEFAULT_DEMO_OPTIONS.seed}); same seed + anchor → same data
  --anchor DATE  last day of the window, UTC (default: today)
Uses DATABASE_URL when set, else the embedded database in TANDEM_DATA_DIR (default .data).`;
