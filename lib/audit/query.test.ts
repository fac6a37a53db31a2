import { describe, expect, it } from "vitest";
import { actorKeyOf, auditSearch, describeDetails, encodeCursor, NO_FILTER, parseActorKey, parseAuditFilter, parseCursor, rangeOf } from "./query";

describe("parseAuditFilter", () => {
  it.each([
    [{}, NO_FILTER, 0],
    [{ actor: "user:abc", action: "user.created", from: "2026-01-01", to: "2026-01-31" }, { actor: "user:abc", action: "user.created", from: "2026-01-01", to: "2026-01-31" }, 0],
    [{ actor: "label:Demo setup" }, { ...NO_FILTER, actor: "label:Demo setup" }, 0],
    [{ actor: "nobody" }, NO_FILTER, 1],
    [{ action: "DROP TABLE" }, NO_FILTER, 1],
    [{ action: "destination.created" }, { ...NO_FILTER, action: "destination.created" }, 0],
    [{ from: "2026-02-30" }, NO_FILTER, 1],
    [{ from: "yesterday", to: "2026-01-01" }, { ...NO_FILTER, to: "2026-01-01" }, 1],
    [{ from: "2026-03-01", to: "2026-02-01" }, { ...NO_FILTER, from: "2026-03-01" }, 1],
    [{ actor: ["user:a", "user:b"], action: "  " }, { ...NO_FILTER, actor: "user:a" }, 0],
  ])("%j", (params, filter, errors) => {
    const parsed = parseAuditFilter(params);
    expect(parsed.filter).toEqual(filter);
    expect(parsed.errors).toHaveLength(errors);
  });

  it("reads URLSearchParams too", () => {
    expect(parseAuditFilter(new URLSearchParams("action=token.created&to=2026-05-01")).filter).toEqual({ ...NO_FILTER, action: "token.created", to: "2026-05-01" });
  });
});

describe("rangeOf", () => {
  it("is the first day's start to the day after the last (UTC)", () => {
    expect(rangeOf({ ...NO_FILTER, from: "2026-01-10", to: "2026-01-10" })).toEqual({ since: new Date("2026-01-10T00:00:00Z"), until: new Date("2026-01-11T00:00:00Z") });
    expect(rangeOf(NO_FILTER)).toEqual({ since: null, until: null });
  });
});

describe("cursors and actor keys", () => {
  it("round-trip", () => {
    const at = new Date("2026-01-10T12:34:56.789Z");
    expect(parseCursor(encodeCursor({ at, seq: "42" }))).toEqual({ atMs: at.getTime(), seq: "42" });
    for (const bad of [null, "", "x.1", "1.x", "1", "1.2.3", "-1.2"]) expect(parseCursor(bad)).toBeNull();
    expect(actorKeyOf({ actorUserId: "u", actorTokenId: null, actorLabel: "Ada" })).toBe("user:u");
    expect(actorKeyOf({ actorUserId: null, actorTokenId: "t", actorLabel: "API token “x”" })).toBe("token:t");
    expect(actorKeyOf({ actorUserId: null, actorTokenId: null, actorLabel: "CLI" })).toBe("label:CLI");
    expect(parseActorKey("label:CLI")).toEqual({ kind: "label", value: "CLI" });
    expect(parseActorKey("group:x")).toBeNull();
  });

  it("builds the page URL's search with only what is set", () => {
    expect(auditSearch(NO_FILTER)).toBe("");
    expect(auditSearch({ ...NO_FILTER, action: "user.created" }, { before: "1.2" })).toBe("?action=user.created&before=1.2");
  });
});

describe("describeDetails", () => {
  it.each([
    [{ role: { from: "sales", to: "marketing" } }, "role: sales → marketing"],
    [{ scopes: ["profiles:read", "export:read"], expiresAt: null }, "scopes: profiles:read, export:read; expires at: none"],
    [{ rateLimitPerSec: { from: 50, to: null }, allowedOrigins: { from: ["https://b.example"], to: ["https://a.example"] } }, "rate limit per sec: 50 → none; allowed origins: +https://a.example, −https://b.example"],
    [{ blockedValues: { from: ["", "null"], to: ["", "null", "n/a"] } }, "blocked values: +n/a"],
    [{ blockedValues: { from: ["", "x"], to: ["x"] } }, 'blocked values: −""'],
    [{ priority: { from: ["email", "phone"], to: ["phone", "email"] } }, "priority: email, phone → phone, email"],
    [{ movedIdentifiers: { email: 1 } }, 'moved identifiers: {"email":1}'],
    [{ via: "grid", created: 2 }, "via: grid; created: 2"],
    [{ limits: { from: { email: 5, phone: 5 }, to: { email: 3, phone: 5, crm_id: 1 } } }, "limits.email: 5 → 3; limits.crm_id: none → 1"],
    [{ customer: { from: { event: null, revenue: true }, to: { event: "Contract Signed", revenue: true } } }, "customer.event: none → Contract Signed"],
  ])("%j", (details, line) => {
    expect(describeDetails(details)).toBe(line);
  });

  it("cuts long lines", () => {
    const line = describeDetails({ blockedValues: Array.from({ length: 100 }, (_, i) => `value-${i}`) }, 50);
    expect(line).toHaveLength(50);
    expect(line.endsWith("…")).toBe(true);
  });
});
