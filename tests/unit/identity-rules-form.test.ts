// The Settings identity-rules editor's pure half: rules ⇄ form round trip, the checks the
// conversion needs, and server field errors placed next to their field.
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, identityRulesSchema, type IdentityRules } from "../../lib/identity/rules";
import { formFromRules, move, placeServerErrors, rulesFromForm, type RulesForm } from "../../app/(app)/settings/identity-rules-form";

const custom: IdentityRules = {
  limits: { user_id: 1, email: 3, phone: 5, anonymous_id: 500, crm_id: 1, "app.id": 2 },
  defaultLimit: 2,
  priority: ["user_id", "external_ids", "email", "phone", "anonymous_id"],
  blockedValues: ["test@example.com"],
  blockedPatterns: ["@example\\.org$"],
};

describe("formFromRules / rulesFromForm", () => {
  it("round-trips the defaults exactly, with the empty value as the checkbox", () => {
    const form = formFromRules(DEFAULT_RULES);
    expect(form.blockEmpty).toBe(true);
    expect(form.blockedValues.split("\n")).toEqual(["null", "undefined", "anonymous", "0", "-1", "[object Object]"]);
    expect(form.custom).toEqual([]);
    expect(rulesFromForm(form).rules).toEqual(DEFAULT_RULES);
  });

  it("round-trips custom types and rules without the empty value", () => {
    const form = formFromRules(custom);
    expect(form.blockEmpty).toBe(false);
    expect(form.custom.map((r) => [r.type, r.limit])).toEqual([["app.id", "2"], ["crm_id", "1"]]);
    const back = rulesFromForm(form).rules!;
    expect(back).toEqual(custom);
    expect(identityRulesSchema.safeParse(back).success).toBe(true);
  });

  it("trims lines, drops blank lines and repeats, and remembers each entry's line", () => {
    const form: RulesForm = { ...formFromRules(DEFAULT_RULES), blockedValues: "  Foo \n\nfoo\r\nbar", blockedPatterns: "^a$\n\n  ^b$  \n^a$" };
    const c = rulesFromForm(form);
    expect(c.rules?.blockedValues).toEqual(["", "Foo", "bar"]);
    expect(c.valueLines).toEqual([0, 1, 4]);
    expect(c.rules?.blockedPatterns).toEqual(["^a$", "^b$"]);
    expect(c.patternLines).toEqual([1, 3]);
  });

  it("reports what the conversion itself must check, per row", () => {
    const base = formFromRules(DEFAULT_RULES);
    const form: RulesForm = {
      ...base,
      coreLimits: { ...base.coreLimits, email: "" },
      defaultLimit: "abc",
      custom: [
        { key: 1, type: "Bad Name", limit: "1" },
        { key: 2, type: "email", limit: "1" },
        { key: 3, type: "external_ids", limit: "1" },
        { key: 4, type: "crm_id", limit: "1" },
        { key: 5, type: "crm_id", limit: "" },
        { key: 6, type: " ", limit: "1" },
      ],
    };
    const c = rulesFromForm(form);
    expect(c.rules).toBeNull();
    expect(Object.keys(c.errors).sort()).toEqual(
      ["limits.email", "defaultLimit", "custom.1.type", "custom.2.type", "custom.3.type", "custom.5.type", "custom.5.limit", "custom.6.type"].sort(),
    );
    expect(c.errors["custom.5.type"]).toMatch(/twice/);
  });

  it("with errors of its own, also reports the schema's findings on the other fields", () => {
    const base = formFromRules(DEFAULT_RULES);
    const c = rulesFromForm({ ...base, custom: [{ key: 1, type: "Bad", limit: "1" }], coreLimits: { ...base.coreLimits, phone: "0" }, blockedPatterns: "^ok$\n\n(x" });
    expect(c.rules).toBeNull();
    expect(c.errors).toEqual({
      "custom.1.type": expect.stringMatching(/lower case/),
      "limits.phone": "A limit must be at least 1",
      blockedPatterns: "Line 3: Not a valid regular expression.",
    });
  });

  it("leaves range and integer checks to the schema when nothing else is wrong", () => {
    const base = formFromRules(DEFAULT_RULES);
    expect(rulesFromForm({ ...base, coreLimits: { ...base.coreLimits, email: "0" } }).rules?.limits.email).toBe(0);
  });
});

describe("placeServerErrors", () => {
  it("puts each zod path next to its field, with line numbers for the textareas", () => {
    const form: RulesForm = { ...formFromRules(custom), blockEmpty: true, blockedPatterns: "ok\n\n(bad" };
    const c = rulesFromForm(form);
    const crm = form.custom.find((r) => r.type === "crm_id")!;
    const errors = placeServerErrors(
      {
        "limits.email": "a limit must be at least 1",
        "limits.crm_id": "limits are whole numbers",
        limits: "identifier types are …",
        "blockedPatterns.1": "not a valid regular expression",
        "blockedValues.1": "Too big",
        defaultLimit: "a limit must be at least 1",
        "(root)": "odd",
      },
      form,
      c,
    );
    expect(errors).toEqual({
      "limits.email": "A limit must be at least 1",
      [`custom.${crm.key}.limit`]: "Limits are whole numbers",
      custom: "Identifier types are …",
      blockedPatterns: "Line 3: Not a valid regular expression.",
      blockedValues: "Line 1: Too big.",
      defaultLimit: "A limit must be at least 1",
      form: "Odd",
    });
  });
});

describe("move", () => {
  it("swaps with the neighbour and stops at either end", () => {
    expect(move(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
