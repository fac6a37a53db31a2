// Identity-resolution rules (Segment Unify's three: limits, priority, blocked values), their defaults
// and the zod schema an admin edit must pass. Pure.
import { z } from "zod";

/** The identifier types Tandem extracts itself; any other type comes from `context.externalIds`. */
export const CORE_TYPES = ["user_id", "anonymous_id", "email", "phone"] as const;
export type CoreType = (typeof CORE_TYPES)[number];

/** Priority is ranked over these slots; every custom external id type shares `external_ids`. */
export const PRIORITY_SLOTS = ["user_id", "email", "phone", "external_ids", "anonymous_id"] as const;
export type PrioritySlot = (typeof PRIORITY_SLOTS)[number];

/** A custom type name, as Segment requires: lower case, no spaces. `external_ids` is the slot's name. */
export const CUSTOM_TYPE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** Names no external id may take: the priority slot, and the Profile API's own ref kinds (a message
 *  claiming `profile_id` or `contact_id` must not become an identifier that shadows them). */
export const RESERVED_TYPES = ["external_ids", "profile_id", "contact_id"] as const;

/** Whether `type` (lower-cased) may be a custom external id type. */
export function isCustomType(type: string): boolean {
  return !(RESERVED_TYPES as readonly string[]).includes(type) && !(CORE_TYPES as readonly string[]).includes(type) && CUSTOM_TYPE_PATTERN.test(type);
}

export interface IdentityRules {
  /** Most identifiers of one type a profile may hold (Segment's "1 ever"; time windows are not modelled). */
  limits: Record<string, number>;
  /** The limit of a custom type that `limits` does not name. */
  defaultLimit: number;
  /** Highest priority first; a permutation of PRIORITY_SLOTS. */
  priority: PrioritySlot[];
  /** Values that never become identifiers, compared case-insensitively after normalisation. */
  blockedValues: string[];
  /** Regular expressions (compiled case-insensitive) whose matching values never become identifiers. */
  blockedPatterns: string[];
}

export const DEFAULT_RULES: IdentityRules = {
  limits: { user_id: 1, email: 5, phone: 5, anonymous_id: 1000 },
  defaultLimit: 5,
  priority: ["user_id", "email", "phone", "external_ids", "anonymous_id"],
  blockedValues: ["", "null", "undefined", "anonymous", "0", "-1", "[object Object]"],
  // Segment's suggested `^[0-]*$` (zeros and dashes: "000", "0-0"), and the PostHog list of
  // placeholder strings SDKs emit by accident, bare or quoted.
  blockedPatterns: ["^[0-]*$", "^[\"']?(null|undefined|none|nan|nil|anonymous|guest|not_authenticated|true|false|\\[object object\\])[\"']?$"],
};

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "i");
    return true;
  } catch {
    return false;
  }
}

const limit = z.number().int("limits are whole numbers").min(1, "a limit must be at least 1").max(100_000);

export const identityRulesSchema = z.object({
  limits: z
    .record(z.string(), limit)
    .refine((l) => Object.keys(l).every((t) => (CORE_TYPES as readonly string[]).includes(t) || isCustomType(t)), {
      message: "identifier types are lower case letters, digits, '_', '.' or '-' (at most 64), and not 'external_ids', 'profile_id' or 'contact_id'",
    })
    .refine((l) => CORE_TYPES.every((t) => t in l), { message: `limits must name ${CORE_TYPES.join(", ")}` }),
  defaultLimit: limit,
  priority: z
    .array(z.enum(PRIORITY_SLOTS))
    .refine((p) => p.length === PRIORITY_SLOTS.length && new Set(p).size === p.length, {
      message: `priority must list each of ${PRIORITY_SLOTS.join(", ")} exactly once`,
    }),
  blockedValues: z.array(z.string().max(1000)).max(1000),
  blockedPatterns: z
    .array(z.string().max(500).refine(compiles, { message: "not a valid regular expression" }))
    .max(100),
});

/** Validates an admin's edit; the result is safe to pass to resolution. */
export function parseIdentityRules(input: unknown): IdentityRules {
  return identityRulesSchema.parse(input) as IdentityRules;
}

export function limitOf(type: string, rules: IdentityRules): number {
  return rules.limits[type] ?? rules.defaultLimit;
}

/** 0 is the highest priority. Custom external id types share the `external_ids` slot. */
export function priorityOf(type: string, rules: IdentityRules): number {
  const slot = (CORE_TYPES as readonly string[]).includes(type) ? type : "external_ids";
  const i = rules.priority.indexOf(slot as PrioritySlot);
  return i === -1 ? rules.priority.length : i;
}
