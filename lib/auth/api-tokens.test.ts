import { describe, expect, it } from "vitest";
import { checkToken, isTokenScope, tokenFromAuthorization } from "./api-tokens";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("tokenFromAuthorization", () => {
  it.each([
    ["Bearer tdm_pat_abc", "tdm_pat_abc"],
    ["bearer   tdm_pat_abc", "tdm_pat_abc"],
    [`Basic ${b64("tdm_pat_abc:")}`, "tdm_pat_abc"],
    [`Basic ${b64("tdm_pat_abc:ignored")}`, "tdm_pat_abc"],
    [`Basic ${b64("tdm_pat_abc")}`, "tdm_pat_abc"],
    [`Basic ${b64(":pw")}`, undefined],
    ["Token abc", undefined],
    ["Bearer", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j → %j", (header, want) => {
    expect(tokenFromAuthorization(header)).toBe(want);
  });
});

describe("checkToken", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const live = { scopes: ["profiles:read"], revokedAt: null, expiresAt: null };
  it.each([
    ["a live token with the scope", live, "profiles:read", "ok"],
    ["no token", null, "profiles:read", "invalid_token"],
    ["a revoked token", { ...live, revokedAt: new Date("2026-05-01") }, "profiles:read", "token_revoked"],
    ["a token revoked in the future", { ...live, revokedAt: new Date("2026-07-01") }, "profiles:read", "ok"],
    ["an expired token", { ...live, expiresAt: new Date("2026-06-01T00:00:00Z") }, "profiles:read", "token_expired"],
    ["a token without the scope", live, "export:read", "insufficient_scope"],
    ["any live token when any scope will do", live, "any", "ok"],
    ["a revoked token when any scope will do", { ...live, revokedAt: new Date("2026-05-01") }, "any", "token_revoked"],
  ] as const)("%s → %s", (_n, token, scope, want) => {
    const r = checkToken(token as never, scope, now);
    expect(r.ok ? "ok" : r.code).toBe(want);
  });

  it("answers 403 only for a missing scope", () => {
    const r = checkToken(live, "spend:write", now);
    expect(r.ok ? 0 : r.status).toBe(403);
  });

  it.each([
    ["profiles:read", true],
    ["export:read", true],
    ["events:export", true],
    ["admin:write", true],
    ["privacy:write", true],
    ["admin", false],
    ["events:read", false],
    [1, false],
  ])("isTokenScope(%j) is %s", (v, want) => {
    expect(isTokenScope(v)).toBe(want);
  });
});
