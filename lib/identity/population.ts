// Generated populations for identity-resolution property tests (seeded, so every failure names a
// reproducible seed): a few people with devices, user ids (some renamed), emails, phones and CRM ids,
// shared laptops and shared inboxes, and the brute-force reference grouping. Test support only.
import { identityKey, type IdentityMessage } from "./identifiers";
import { DEFAULT_RULES, limitOf, type IdentityRules } from "./rules";
import { message } from "./test-helpers";
import { prng, type Rng } from "./seeded-random";

export { prng, type Rng };


export interface Generated {
  message: IdentityMessage;
  /** The canonical identifiers the message should link, as the generator knows them (blocked ones left out). */
  keys: string[];
}
export interface Case {
  seed: number;
  rules: IdentityRules;
  messages: Generated[];
}

export const key = (type: string, value: string) => identityKey({ type, value });
export const BLOCKED = ["0", "null", "anonymous", "-1", "undefined", "[object Object]"];

export function generate(seed: number): Case {
  const r = prng(seed);
  const rules: IdentityRules = r.chance(0.4)
    ? DEFAULT_RULES
    : { ...DEFAULT_RULES, limits: { ...DEFAULT_RULES.limits, user_id: r.int(1, 2), email: r.int(1, 3), phone: r.int(1, 2), anonymous_id: r.int(1, 3) } };
  const people = Array.from({ length: r.chance(0.15) ? 1 : r.int(2, 4) }, (_, i) => ({
    user: r.chance(0.8) ? `u${i}` : null,
    oldUser: r.chance(0.25) ? `u${i}-old` : null,
    devices: Array.from({ length: r.int(1, 3) }, (_, j) => `d${i}.${j}`),
    emails: Array.from({ length: r.int(0, 2) }, (_, j) => `p${i}.${j}@example.com`),
    phone: r.chance(0.3) ? `1555010${String(i).padStart(4, "0")}` : null,
    crm: r.chance(0.3) ? `crm-${i}` : null,
  }));
  if (people.length > 1 && r.chance(0.6)) people[1].devices.push(people[0].devices[0]); // a shared laptop
  if (people.length > 1 && r.chance(0.5) && people[0].emails.length) people[1].emails.push(people[0].emails[0]); // team@
  const messages: Generated[] = [];
  for (let n = r.int(3, 8); n > 0; n--) messages.push(generateMessage(r, r.pick(people), messages.length));
  // Both people of a shared laptop sign in on it (the classic conflict), in some populations.
  const shared = people[0].devices[0];
  if (people.length > 1 && people[1].devices.includes(shared) && r.chance(0.5))
    for (const p of people.slice(0, 2))
      if (p.user) {
        const messageId = `g${messages.length}`;
        messages.push({ message: message("identify", { messageId, userId: p.user, anonymousId: shared }), keys: [key("user_id", p.user), key("anonymous_id", shared)] });
      }
  return { seed, rules, messages };
}

function generateMessage(r: Rng, p: Person, index: number): Generated {
  const keys: string[] = [];
  const messageId = `g${index}`;
  let anonymousId: string | undefined = r.pick(p.devices);
  if (r.chance(0.12)) anonymousId = r.pick(BLOCKED);
  else keys.push(key("anonymous_id", anonymousId));
  const kind = r.int(0, 4);
  if (kind === 3 && p.user) {
    // alias: a rename (old user id → user id) or the anonymous → known step analytics.js sends.
    const rename = p.oldUser !== null && r.chance(0.6);
    const previousId = rename ? p.oldUser! : anonymousId;
    keys.push(key("user_id", p.user));
    if (!BLOCKED.includes(previousId)) keys.push(key(rename ? "user_id" : "anonymous_id", previousId));
    return { message: message("alias", { messageId, previousId, userId: p.user, anonymousId }), keys };
  }
  const userId = kind === 4 && p.oldUser ? p.oldUser : kind >= 1 && p.user && r.chance(0.8) ? p.user : r.chance(0.05) ? "null" : undefined;
  if (userId && userId !== "null") keys.push(key("user_id", userId));
  const traits: Record<string, unknown> = {};
  const contextTraits: Record<string, unknown> = {};
  const context: Record<string, unknown> = { traits: contextTraits };
  if (kind === 2) {
    if (p.emails.length && r.chance(0.7)) {
      const email = r.pick(p.emails);
      (r.chance(0.5) ? traits : contextTraits).email = r.chance(0.5) ? `  ${email.toUpperCase()} ` : email;
      keys.push(key("email", email));
    }
    if (p.phone && r.chance(0.6)) {
      const d = p.phone;
      traits.phone = `+${d[0]} (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`;
      keys.push(key("phone", `+${d}`));
    }
    if (p.crm && r.chance(0.6)) {
      context.externalIds = [{ id: p.crm, type: "crm_id", collection: "users", encoding: "none" }];
      keys.push(key("crm_id", p.crm));
    }
    if (r.chance(0.1) && contextTraits.email === undefined) contextTraits.email = "[object Object]";
  }
  return { message: message(kind === 2 ? "identify" : "track", { messageId, userId, anonymousId, traits, context }), keys };
}
export type Person = { user: string | null; oldUser: string | null; devices: string[]; emails: string[]; phone: string | null; crm: string | null };

/** The reference: connected components of the graph joining identifiers that share a message. */
export function components(messages: Generated[]): string[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => (parent.get(k) === k ? k : find(parent.get(k)!));
  for (const { keys } of messages) {
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]));
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  return canonical([...groups.values()]);
}
export const canonical = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
export const typeOf = (k: string) => k.split("\u0000")[0];

export function hitsLimit(groups: string[][], rules: IdentityRules): boolean {
  return groups.some((g) => {
    const counts = new Map<string, number>();
    for (const k of g) counts.set(typeOf(k), (counts.get(typeOf(k)) ?? 0) + 1);
    return [...counts].some(([t, n]) => n > limitOf(t, rules));
  });
}

