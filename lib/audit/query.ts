// The audit log's view, pure: filters read from the URL (actor, action, date range in UTC days), the
// keyset cursor, the CSV columns and a one-line reading of an entry's details.
import type { CsvValue } from "../crm/csv";
import { actionLabel, AUDIT_TARGETS } from "./actions";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** `user:<id>`, `token:<id>` or `label:<text>` (the CLI, the demo setup). */
  actor: string | null;
  action: string | null;
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
}

export const NO_FILTER: AuditFilter = { actor: null, action: null, from: null, to: null };

export interface AuditCursor {
  atMs: number;
  seq: string;
}

/** An entry as the data layer reads it. */
export interface AuditEntryRow {
  id: string;
  seq: string;
  at: Date;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
  peer: string | null;
}

export type ActorKey = { kind: "user" | "token" | "label"; value: string };

const ACTOR = /^(user|token|label):(.{1,200})$/s;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^(\d{1,15})\.(\d{1,19})$/;

export function actorKeyOf(e: { actorUserId: string | null; actorTokenId: string | null; actorLabel: string }): string {
  if (e.actorUserId) return `user:${e.actorUserId}`;
  if (e.actorTokenId) return `token:${e.actorTokenId}`;
  return `label:${e.actorLabel}`;
}

export function parseActorKey(key: string): ActorKey | null {
  const m = ACTOR.exec(key);
  return m ? { kind: m[1] as ActorKey["kind"], value: m[2]! } : null;
}

function isDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string | null {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === undefined || v === null || v.trim() === "" ? null : v.trim();
}

/** The filter in the URL; a value that cannot be one is dropped and said why. */
export function parseAuditFilter(params: Params): { filter: AuditFilter; errors: string[] } {
  const errors: string[] = [];
  const filter: AuditFilter = { ...NO_FILTER };
  const actor = param(params, "actor");
  if (actor !== null) {
    if (parseActorKey(actor)) filter.actor = actor;
    else errors.push("The actor filter is not one Tandem wrote; pick an actor from the list.");
  }
  const action = param(params, "action");
  if (action !== null) {
    if (ACTION.test(action) && action.length <= 100) filter.action = action;
    else errors.push(`"${action.slice(0, 100)}" is not an action code (like user.role_changed).`);
  }
  for (const key of ["from", "to"] as const) {
    const v = param(params, key);
    if (v === null) continue;
    if (isDay(v)) filter[key] = v;
    else errors.push(`"${v.slice(0, 40)}" is not a date: use YYYY-MM-DD for "${key}".`);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    errors.push(`The range starts (${filter.from}) after it ends (${filter.to}); showing from ${filter.from} on.`);
    filter.to = null;
  }
  return { filter, errors };
}

/** The instants the date range stands for: from the start of `from` to before the day after `to` (UTC). */
export function rangeOf(filter: AuditFilter): { since: Date | null; until: Date | null } {
  const since = filter.from ? new Date(`${filter.from}T00:00:00Z`) : null;
  const until = filter.to ? new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) : null;
  return { since, until };
}

export function encodeCursor(e: { at: Date; seq: string }): string {
  return `${e.at.getTime()}.${e.seq}`;
}

export function parseCursor(v: string | null | undefined): AuditCursor | null {
  const m = v ? CURSOR.exec(v) : null;
  return m ? { atMs: Number(m[1]), seq: m[2]! } : null;
}

/** The URL search string of a filter plus paging (`before`/`after`), empty values left out. */
export function auditSearch(filter: AuditFilter, page: { before?: string | null; after?: string | null } = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...page })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (Array.isArray(v)) return v.length ? v.map((x) => (x === "" ? '""' : show(x))).join(", ") : "none";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function isChange(v: unknown): v is { from: unknown; to: unknown } {
  return !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 2 && "from" in v && "to" in v;
}

const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A change as `name: from → to`; between two objects, only the keys that differ (`limits.email: 5 → 3`). */
function describeChange(name: string, from: unknown, to: unknown): string[] {
  if (isPlainObject(from) && isPlainObject(to)) {
    return [...new Set([...Object.keys(from), ...Object.keys(to)])]
      .filter((k) => JSON.stringify(from[k] ?? null) !== JSON.stringify(to[k] ?? null))
      .flatMap((k) => describeChange(`${name}.${k}`, from[k] ?? null, to[k] ?? null));
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    // A list that gained or lost items reads as those items; one only reordered, as both orders.
    const key = (x: unknown) => JSON.stringify(x);
    const before = new Set(from.map(key));
    const after = new Set(to.map(key));
    const added = to.filter((x) => !before.has(key(x)));
    const removed = from.filter((x) => !after.has(key(x)));
    if (added.length || removed.length) {
      return [`${name}: ${[...added.map((x) => `+${show([x])}`), ...removed.map((x) => `−${show([x])}`)].join(", ")}`];
    }
  }
  return [`${name}: ${show(from)} → ${show(to)}`];
}

/** Details in one line: `role: sales → marketing; scopes: profiles:read`. Long values are cut. */
export function describeDetails(details: Record<string, unknown>, max = 240): string {
  const parts = Object.entries(details).flatMap(([k, v]) => (isChange(v) ? describeChange(words(k), v.from, v.to) : [`${words(k)}: ${show(v)}`]));
  const line = parts.join("; ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function targetTypeLabel(type: string | null): string {
  return type && Object.hasOwn(AUDIT_TARGETS, type) ? AUDIT_TARGETS[type as keyof typeof AUDIT_TARGETS] : (type ?? "");
}

/** The export's columns: ids beside readable labels, details as JSON. */
export const AUDIT_CSV_COLUMNS: readonly { header: string; get(e: AuditEntryRow): CsvValue }[] = [
  { header: "at", get: (e) => e.at },
  { header: "actor", get: (e) => e.actorLabel },
  { header: "actor_user_id", get: (e) => e.actorUserId },
  { header: "actor_token_id", get: (e) => e.actorTokenId },
  { header: "action", get: (e) => e.action },
  { header: "action_label", get: (e) => actionLabel(e.action) },
  { header: "target_type", get: (e) => e.targetType },
  { header: "target_id", get: (e) => e.targetId },
  { header: "target", get: (e) => e.targetLabel },
  { header: "details", get: (e) => JSON.stringify(e.details) },
  { header: "peer_address", get: (e) => e.peer },
];
