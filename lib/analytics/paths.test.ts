import { describe, expect, it } from "vitest";
import { pathsReference, pathsRequestSchema, sankeyData, OTHER_STEPS, type PathEvent, type PathsQuery } from "./paths";

const MIN = 60_000;
const base = new Date("2026-03-02T10:00:00Z").getTime();
let seq = 0;
function ev(personId: string, minute: number, what: string, over: Partial<PathEvent> = {}): PathEvent {
  const page = what.startsWith("/");
  return {
    seq: ++seq,
    at: new Date(base + minute * MIN),
    type: page ? "page" : "track",
    sourceKind: "web",
    channel: null,
    pagePath: page ? what : null,
    referrer: null,
    utmCampaign: null,
    personId,
    event: page ? null : what,
    name: page ? "Page" : null,
    ...over,
  };
}

const events: PathEvent[] = [
  // Ann: two sign-ups; the first one's session continues /app → /app (reload) → Project Created.
  ev("ann", 0, "/pricing"),
  ev("ann", 1, "Signed Up"),
  ev("ann", 2, "/app"),
  ev("ann", 3, "/app"),
  ev("ann", 4, "Project Created"),
  ev("ann", 200, "Signed Up"),
  ev("ann", 201, "/billing"),
  // Bob: signs up, then his session ends (next event 31 minutes later is a new session).
  ev("bob", 0, "/"),
  ev("bob", 10, "Signed Up"),
  ev("bob", 41, "/app"),
  // Cy: a server-side sign-up is not in any session; a CRM copy neither.
  ev("cy", 0, "Signed Up", { sourceKind: "server" }),
  ev("cy", 1, "Signed Up", { sourceKind: "crm" }),
  // Dee: signs up on mobile, then a screen.
  ev("dee", 0, "Signed Up", { sourceKind: "mobile" }),
  ev("dee", 1, "Home", { type: "screen", event: null, name: "Home", sourceKind: "mobile" }),
  // Eve: signed up outside the range.
  ev("eve", -100, "Signed Up"),
  ev("eve", -99, "/app"),
];
const query: PathsQuery = { anchor: { kind: "event", name: "Signed Up" }, direction: "after", steps: 3, from: new Date(base - 60 * MIN), to: new Date(base + 1000 * MIN), pages: "path" };

describe("pathsReference", () => {
  it("follows each person's first anchor within its session, repeats counted once", () => {
    const r = pathsReference(events, query);
    expect(r.people).toBe(3);
    expect(r.levels.map((l) => [l.level, l.people, l.dropOff])).toEqual([
      [1, 2, 1],
      [2, 1, 1],
      [3, 0, 1],
    ]);
    expect(r.levels[0]!.nodes).toEqual([
      { step: { kind: "page", name: "/app" }, people: 1 },
      { step: { kind: "screen", name: "Home" }, people: 1 },
    ]);
    expect(r.paths).toEqual([
      { steps: [], people: 1 },
      { steps: [{ kind: "page", name: "/app" }, { kind: "event", name: "Project Created" }], people: 1 },
      { steps: [{ kind: "screen", name: "Home" }], people: 1 },
    ]);
    expect(r.links[0]).toEqual({ level: 1, from: { kind: "event", name: "Signed Up" }, to: { kind: "page", name: "/app" }, people: 1 });
  });

  it("goes back from an end step", () => {
    const r = pathsReference(events, { ...query, direction: "before" });
    expect(r.levels[0]!.nodes.map((n) => n.step.name)).toEqual(["/", "/pricing"]);
    expect(r.levels[0]!.dropOff).toBe(1);
  });

  it("collapses page views into one step and anchors on any page", () => {
    const r = pathsReference(events, { ...query, pages: "collapsed", anchor: { kind: "page", name: "/whatever" } });
    expect(r.anchor).toEqual({ kind: "page", name: "(any page)" });
    // Ann: (any page) → Signed Up → (any page) → Project Created; Bob: (any page) → Signed Up.
    const anyPage = { kind: "page", name: "(any page)" };
    // Equal counts: ordered by the steps' text, so the shorter prefix first.
    expect(r.paths).toEqual([
      { steps: [{ kind: "event", name: "Signed Up" }], people: 1 },
      { steps: [{ kind: "event", name: "Signed Up" }, anyPage, { kind: "event", name: "Project Created" }], people: 1 },
    ]);
  });

  it("cuts sessions at the range", () => {
    const r = pathsReference(events, { ...query, to: new Date(base + 3 * MIN) });
    expect(r.paths.find((p) => p.steps.length === 1 && p.steps[0]!.name === "/app")?.people).toBe(1);
  });
});

describe("sankeyData", () => {
  it("keeps the top steps per level and groups the rest", () => {
    const r = pathsReference(events, query);
    const s = sankeyData(r, 1);
    expect(s.nodes.map((n) => [n.level, n.name])).toEqual([
      [0, "Signed Up"],
      [1, "Page /app"],
      [1, OTHER_STEPS],
      [2, "Project Created"],
    ]);
    expect(s.links).toEqual([
      { source: 0, target: 1, value: 1 },
      { source: 0, target: 2, value: 1 },
      { source: 1, target: 3, value: 1 },
    ]);
  });
});

describe("pathsRequestSchema", () => {
  it("defaults and limits", () => {
    const r = pathsRequestSchema.parse({ anchor: { name: "Signed Up" }, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" });
    expect(r).toMatchObject({ anchor: { kind: "event", name: "Signed Up" }, direction: "after", steps: 5, pages: "path" });
    expect(pathsRequestSchema.safeParse({ anchor: { name: "x" }, steps: 11, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" }).success).toBe(false);
    expect(pathsRequestSchema.safeParse({ anchor: { name: "" }, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" }).success).toBe(false);
  });
});
