import { describe, expect, it } from "vitest";
import { actionLabel, assertNoSecrets, AUDIT_ACTION_CODES, AUDIT_ACTIONS, AUDIT_TARGETS, changedFields, isAuditAction, secretKeyIn, tokenActor, userActor } from "./actions";

describe("the action codes", () => {
  it("are dotted snake_case, past tense by convention, each with a label, a description and a known target", () => {
    for (const code of AUDIT_ACTION_CODES) {
      expect(code).toMatch(/^[a-z][a-z_]*\.[a-z_]+$/);
      expect(AUDIT_ACTIONS[code].label.length).toBeGreaterThan(3);
      expect(AUDIT_ACTIONS[code].description).toMatch(/\.$/);
      expect(Object.keys(AUDIT_TARGETS)).toContain(AUDIT_ACTIONS[code].target);
    }
    expect(new Set(AUDIT_ACTION_CODES.map((c) => AUDIT_ACTIONS[c].label)).size).toBe(AUDIT_ACTION_CODES.length);
  });

  it("reads a code this version does not know as itself", () => {
    expect(isAuditAction("user.created")).toBe(true);
    expect(isAuditAction("reactor.melted")).toBe(false);
    expect(isAuditAction("toString")).toBe(false);
    expect(actionLabel("user.role_changed")).toBe("Role changed");
    expect(actionLabel("reactor.melted")).toBe("reactor.melted");
  });
});

describe("actors", () => {
  it("name users by name and tokens as the spend history does", () => {
    expect(userActor({ id: "u1", name: "Ada" }, "192.0.2.1")).toEqual({ userId: "u1", tokenId: null, label: "Ada", peer: "192.0.2.1" });
    expect(tokenActor({ id: "t1", name: "Ads sync" }, "unknown")).toEqual({ userId: null, tokenId: "t1", label: "API token “Ads sync”", peer: "unknown" });
  });
});

describe("secretKeyIn", () => {
  it.each([
    [{ scopes: ["a"], masked: "tdm_pat_x…" }, null],
    [{ maskedWriteKey: { from: "a…", to: "b…" } }, null],
    [{ token: "x" }, "details.token"],
    [{ Password: "x" }, "details.Password"],
    [{ writeKey: "x" }, "details.writeKey"],
    [{ write_key_hash: "x" }, "details.write_key_hash"],
    [{ a: { b: [{ secret: 1 }] } }, "details.a.b[0].secret"],
    [{ at: new Date() }, null],
  ])("%j → %s", (details, found) => {
    expect(secretKeyIn(details)).toBe(found);
    if (found) expect(() => assertNoSecrets(details)).toThrow(found);
    else expect(() => assertNoSecrets(details)).not.toThrow();
  });
});

describe("changedFields", () => {
  it.each([
    [{ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, {}],
    [{ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] }, { a: { from: 1, to: 2 } }],
    [{ a: null }, { a: undefined }, {}],
    [{ a: 1 }, { b: 1 }, { a: { from: 1, to: null }, b: { from: null, to: 1 } }],
    [{ o: { x: 1 } }, { o: { x: 2 } }, { o: { from: { x: 1 }, to: { x: 2 } } }],
  ])("%j → %j gives %j", (before, after, expected) => {
    expect(changedFields(before as object, after as object)).toEqual(expected);
  });
});
